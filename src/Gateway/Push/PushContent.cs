using EarlyWarning.Domain.Alerts;
using Lib.Net.Http.WebPush;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// One push message as every recipient of a batch with the same kind and language gets it: the
/// encrypted body differs per subscription, this does not. Shared, so a queue of 100 000 jobs
/// holds a handful of these.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The case version the message describes.</param>
/// <param name="Kind">new, update or cancel.</param>
/// <param name="Topic">RFC 8030 <c>Topic</c>: one per case, so a newer message replaces one not yet delivered.</param>
/// <param name="Urgency"><c>high</c> for <c>new</c>, normal otherwise.</param>
/// <param name="Expires">When the alert is no longer worth delivering: the TTL counts down to it.</param>
/// <param name="Body">The JSON payload (<see cref="PushPayload"/>), at most <see cref="PushPayload.MaxBytes"/>.</param>
public sealed record PushContent(string CaseId, long Version, AlertKind Kind, string Topic, PushMessageUrgency Urgency, DateTimeOffset Expires, byte[] Body)
{
    /// <summary>Push services keep a message at most this long here (and most cap TTL near it anyway).</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromHours(24);

    /// <summary>The TTL (seconds) for a request sent at <paramref name="now"/>: up to the alert's expiry, at most 24 h; 0 once expired.</summary>
    public int TimeToLiveAt(DateTimeOffset now)
    {
        var left = Expires - now;
        return left <= TimeSpan.Zero ? 0 : (int)Math.Min(left.TotalSeconds, MaxTimeToLive.TotalSeconds);
    }
}

/// <summary>One subscriber's push of one <see cref="PushContent"/>; what the queue holds.</summary>
public readonly record struct PushJob(string SubscriberId, PushContent Content);
