using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>Requests each client IP may make per <see cref="Window"/> on the anonymous routes.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Length of one fixed window.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sightings by anonymous callers and public subscribers; field teams and the control room are not limited.</summary>
    [Range(1, 1_000_000)]
    public int AnonymousSightings { get; set; } = 10;

    /// <summary>New public subscriptions.</summary>
    [Range(1, 1_000_000)]
    public int Subscriptions { get; set; } = 20;

    /// <summary>Token requests, whatever their outcome.</summary>
    [Range(1, 1_000_000)]
    public int TokenRequests { get; set; } = 10;
}
