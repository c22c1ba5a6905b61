using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// The dispatch figures of one case (key: case id), apart from the case: tiles tell it whom they
/// alerted, gateways whom they reached and who acknowledged, and it tells the control room
/// (<c>dispatchStats</c>). It never calls the case, so nothing that the case is awaiting while it
/// pushes ever waits on the case: the flow runs case → tiles → gateways → tally → control room.
/// Every figure counts subscribers by id, so a batch retried, delivered twice or through two
/// gateways counts each subscriber once. Stored write-behind (within a second, and on
/// deactivation): a silo that dies loses at most the last second of counts; an acknowledgement
/// is stored before it is confirmed.
/// </summary>
[Alias("ew.ICaseTallyGrain")]
public interface ICaseTallyGrain : IGrainWithStringKey
{
    /// <summary>A tile sent these subscribers their <c>new</c> for the case at <paramref name="version"/> (its ledger is stored); answered once the count is stored.</summary>
    /// <remarks>Answered within 5 s or failed: a caller retries rather than wait out a dead silo (Orleans' default is 30 s).</remarks>
    [Alias("alerted"), ResponseTimeout("00:00:05")]
    Task RecordAlerted(long version, string[] subscriberIds);

    /// <summary>
    /// What one gateway wrote to its own live connections for one batch of <paramref name="version"/>:
    /// the subscribers in <paramref name="reachedNew"/> got their <c>new</c>; <paramref name="sent"/>
    /// messages in all, each <paramref name="latencyMs"/> after the zone was issued.
    /// </summary>
    /// <remarks>Answered within 5 s or failed, as <see cref="RecordAlerted"/>.</remarks>
    [Alias("delivered"), ResponseTimeout("00:00:05")]
    Task RecordDelivery(long version, string[] reachedNew, int sent, double latencyMs);

    /// <summary>A Web Push service accepted these subscribers' <c>new</c> (apart from live connections).</summary>
    [Alias("pushed")]
    Task RecordPushed(string[] subscriberIds);

    /// <summary>
    /// A subscriber has seen the alert at <paramref name="version"/>; counted once per subscriber.
    /// Refused with <see cref="CaseRefusal.NotFound"/> when the case never told this tally it exists
    /// and <see cref="CaseRefusal.UnknownVersion"/> for a version above any the case had.
    /// Whether the subscriber was alerted is its ledger's to say (the gateway asks before calling).
    /// A new acknowledgement is stored (with every figure so far) before this returns.
    /// </summary>
    [Alias("ack")]
    Task<CaseRefusal> RecordAcknowledgement(string subscriberId, long version);

    /// <summary>
    /// The figures, for the case's snapshot; the case says its current <paramref name="caseVersion"/>,
    /// against which acknowledgements are checked. Only the case calls this.
    /// </summary>
    [Alias("stats")]
    Task<CaseStats> GetStats(long caseVersion);

    /// <summary>
    /// The figures over time, oldest first: a sample whenever they moved, at least
    /// <see cref="CaseTallyGrain.HistorySpacing"/> apart and at most
    /// <see cref="CaseTallyGrain.HistoryCapacity"/> (thinned evenly past that). Figures seeded from
    /// before the tally have no time and are not in it.
    /// </summary>
    [Alias("history")]
    Task<TallySample[]> GetHistory();

    /// <summary>
    /// Figures a case counted itself before the tally existed; taken once (later seeds are ignored),
    /// so the case may send them on every activation until the tally has them.
    /// </summary>
    [Alias("seed")]
    Task Seed(CaseTallySeed seed);
}
