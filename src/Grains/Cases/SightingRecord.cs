using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>A sighting as the case keeps it; <see cref="Channel"/> and <see cref="Review"/> added last, so stored ones still read.</summary>
[GenerateSerializer, Immutable, Alias("ew.sighting")]
public sealed record SightingRecord(
    string Id,
    string CaseId,
    double Lat,
    double Lon,
    DateTimeOffset SeenAt,
    DateTimeOffset ReportedAt,
    string Description,
    SightingStatus Status,
    string ReporterRole,
    string? ReporterContact,
    SightingChannel? Channel = null,
    SightingReview? Review = null);
