using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>A sighting as the case keeps it.</summary>
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
    string? ReporterContact);
