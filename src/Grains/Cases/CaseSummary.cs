using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>A line of the case list.</summary>
[GenerateSerializer, Immutable, Alias("ew.case-summary")]
public sealed record CaseSummary(
    string Id,
    CaseStatus Status,
    CaseLevel Level,
    long Version,
    string ChildName,
    double LastSeenLat,
    double LastSeenLon,
    DateTimeOffset LastSeenAt,
    DateTimeOffset CreatedAt);
