using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// The body of <c>POST /api/cases/{id}/sightings</c>; <c>channel</c> (added) makes it a tip,
/// pending until verified, whoever logs it.
/// </summary>
public sealed record ReportSightingRequest(
    string? Id, double? Lat, double? Lon, DateTimeOffset? SeenAt, string? Description, string? ReporterContact, SightingChannel? Channel = null);
