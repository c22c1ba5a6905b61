using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// What opening a case takes; coordinates in WGS-84 degrees. <c>Exercise</c>: a drill, marked on
/// every alert and page and sent only to those opted in to exercises (added last: older states read false).
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
    bool Exercise = false);
