using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>What opening a case takes; coordinates in WGS-84 degrees. <see cref="Category"/> added last, so stored openings still read.</summary>
[GenerateSerializer, Immutable, Alias("ew.case-opening")]
public sealed record CaseOpening(
    ChildProfile Child,
    double LastSeenLat,
    double LastSeenLon,
    DateTimeOffset LastSeenAt,
    TravelMode TravelMode,
    CaseLevel Level,
    string Actor,
    CaseCategory Category = CaseCategory.Unspecified);
