using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// What opening a case takes; coordinates in WGS-84 degrees. <see cref="Category"/> and <c>Exercise</c> added last,
/// so stored openings still read. <c>Exercise</c>: a drill, marked on every alert and page and sent only to those opted in to exercises.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.case-opening")]
public sealed record CaseOpening(
    ChildProfile Child,
    double LastSeenLat,
    double LastSeenLon,
    DateTimeOffset LastSeenAt,
    TravelMode TravelMode,
    CaseLevel Level,
    string Actor,
    CaseCategory Category = CaseCategory.Unspecified,
    bool Exercise = false);
