using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Per-connection token buckets on the hub's client methods (<c>RateLimits:Hub</c>): a bucket
/// holds up to its burst and gains its per-second rate each second a call comes.
/// </summary>
public sealed class HubRateLimitOptions
{
    public const string Section = "RateLimits:Hub";

    /// <summary>
    /// Sustained <c>UpdateLocation</c> calls per second. A phone reports every few seconds at most;
    /// the benchmarks' load generator raises this to measure ingest.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int LocationsPerSecond { get; set; } = 1;

    /// <summary><c>UpdateLocation</c> calls allowed at once (a reconnect, a GPS fix after a tunnel).</summary>
    [Range(1, int.MaxValue)]
    public int LocationBurst { get; set; } = 5;

    /// <summary>Sustained <c>Acknowledge</c> calls per second.</summary>
    [Range(1, int.MaxValue)]
    public int AcknowledgementsPerSecond { get; set; } = 1;

    /// <summary><c>Acknowledge</c> calls allowed at once: a catch-up after a reconnect may acknowledge several cases together.</summary>
    [Range(1, int.MaxValue)]
    public int AcknowledgementBurst { get; set; } = 10;
}
