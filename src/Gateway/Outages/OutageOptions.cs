using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Outages;

/// <summary>How a client-mode gateway watches the cluster, and what it tells callers while it is down.</summary>
public sealed class OutageOptions
{
    public const string Section = "Outages";

    /// <summary>How often the cluster is probed (Redis, then a storage read through a silo).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A probe slower than this has failed. A refused connection counts at once; a slow answer
    /// only twice in a row, so one pause under load does not turn every request away.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When the cluster comes back, subscribers' hub connections are closed (so their pages read
    /// the state again) only after an outage at least this long; the control room's always are. A
    /// shorter one loses no alert: the relay's stream (5 min) and the silos' retries keep every batch. Under
    /// CPU load a probe can miss for a moment: closing tens of thousands of phones' sockets for
    /// that made them reconnect all at once, with nothing to catch up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan SubscriberResyncAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How much longer a grain call already on its way waits once one of the silos leaves (its
    /// connection closed) or once the probes find the cluster too slow (not refused). A call to the
    /// silo that left would otherwise wait out Orleans' 30 s response timeout, and so would one to
    /// a hung Redis; one to a silo that is merely busy normally answers well within this, and
    /// answering it 504 would tell an operator "may or may not have been applied" of a request
    /// that was about to succeed. Past it the request is answered as an outage whose change may
    /// have been applied (retry-safe routes answer a retry as the first). A refused probe (no
    /// silo, Redis down) cuts calls short at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan InFlightGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>Retry-After</c> of a 503 while the cluster is down.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
