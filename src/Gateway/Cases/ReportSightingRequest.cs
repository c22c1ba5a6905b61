namespace EarlyWarning.Gateway.Cases;

/// <summary>The body of <c>POST /api/cases/{id}/sightings</c>.</summary>
public sealed record ReportSightingRequest(string? Id, double? Lat, double? Lon, DateTimeOffset? SeenAt, string? Description, string? ReporterContact);
