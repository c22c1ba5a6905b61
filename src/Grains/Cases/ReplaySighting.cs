using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A sighting on the replay: where and when the child was seen, when it was reported (shown from
/// then on, pending until <paramref name="DecidedAt"/>) and its status now. No description or
/// contact: a replay shows positions and times only.
/// <paramref name="DecidedAt"/>: when it was verified or rejected (the report's time for one verified
/// on report); null while pending.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.replay-sighting")]
public sealed record ReplaySighting(
    string Id, double Lat, double Lon, DateTimeOffset SeenAt, DateTimeOffset ReportedAt, SightingStatus Status, DateTimeOffset? DecidedAt);
