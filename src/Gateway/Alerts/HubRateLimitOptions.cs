using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Per-connection token buckets on the hub's client methods (<c>RateLimits:Hub</c>): a bucket
/// holds up to its burst and gains its rate each <see cref="Period"/> in which a call comes.
/// </summary>
public sealed class HubRateLimitOptions
{
    public const string Section = "RateLimits:Hub";

    /// <summary>The refill period; the rates below are per period.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sustained <c>UpdateLocation</c> calls per period. A phone reports every few seconds at most;
    /// the benchmarks' load generator raises this to measure ingest.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int Locations { get; set; } = 1;

    /// <summary><c>UpdateLocation</c> calls allowed at once (a reconnect, a GPS fix after a tunnel).</summary>
    [Range(1, int.MaxValue)]
    public int LocationBurst { get; set; } = 5;

    /// <summary>Sustained <c>Acknowledge</c> calls per period.</summary>
    [Range(1, int.MaxValue)]
    public int Acknowledgements { get; set; } = 1;

    /// <summary><c>Acknowledge</c> calls allowed at once: a catch-up after a reconnect may acknowledge several cases together.</summary>
    [Range(1, int.MaxValue)]
    public int AcknowledgementBurst { get; set; } = 10;
}
