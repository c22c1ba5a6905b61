using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// Everything a replay of a case plays, each with its time: the zone's frames (linear between two
/// with the same anchors), the sightings, the dispatch figures over time and the timeline's
/// marks, from the case's opening (<paramref name="From"/>) to its resolve or now
/// (<paramref name="To"/>). Positions and times only: nothing that retention erases.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.case-replay")]
public sealed record CaseReplay(
    string CaseId,
    CaseStatus Status,
    TravelMode TravelMode,
    DateTimeOffset From,
    DateTimeOffset To,
    ReplayFrame[] Frames,
    ReplaySighting[] Sightings,
    TallySample[] Counts,
    ReplayEvent[] Events);
