using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// What a case stored of its dispatch figures before <see cref="ICaseTallyGrain"/> kept them:
/// counts (<paramref name="Legacy"/>; its <c>Acknowledged</c> and percentiles are not read), the
/// latency buckets, and the subscribers who acknowledged (by id, so one acknowledging again is
/// still counted once).
/// </summary>
/// <param name="CaseVersion">The case's version now.</param>
/// <param name="Legacy">Alerted, delivered and pushed as the case counted them.</param>
/// <param name="LatencyBuckets">The case's latency histogram, if any.</param>
/// <param name="AcknowledgedBy">The subscribers the case counted as acknowledged.</param>
[GenerateSerializer, Immutable, Alias("ew.case-tally-seed")]
public sealed record CaseTallySeed(long CaseVersion, CaseStats Legacy, long[]? LatencyBuckets, string[] AcknowledgedBy);
