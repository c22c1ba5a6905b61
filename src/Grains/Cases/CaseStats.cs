namespace EarlyWarning.Grains.Cases;

/// <summary>
/// Dispatch figures of a case, as its tally (<c>ICaseTallyGrain</c>) keeps them, each counting a
/// subscriber once: subscribers alerted, subscribers whose first alert was written to a live
/// connection, subscribers who acknowledged, and the median and 99th
/// percentile of the time from a zone's issue to its hand-off (ms, 0 before any delivery); and
/// subscribers whose first alert a Web Push service accepted (<c>Pushed</c>, apart from the
/// live-socket <c>Delivered</c>; added last so older messages still read).
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.case-stats")]
public sealed record CaseStats(long Alerted, long Delivered, long Acknowledged, double P50Ms, double P99Ms, long Pushed = 0);
