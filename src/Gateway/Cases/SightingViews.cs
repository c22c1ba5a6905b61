using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>API.md's <c>Sighting</c> as field teams and the public see it: no reporter contact, by construction; <c>description</c> null once retention purged it.</summary>
public sealed record SightingView(
    string Id, string CaseId, double Lat, double Lon, DateTimeOffset SeenAt, DateTimeOffset ReportedAt,
    string? Description, SightingStatus Status, string ReporterRole);

/// <summary>API.md's <c>Sighting</c> as operators see it, with the reporter contact; <c>channel</c> and <c>review</c> added.</summary>
public sealed record OperatorSightingView(
    string Id, string CaseId, double Lat, double Lon, DateTimeOffset SeenAt, DateTimeOffset ReportedAt,
    string? Description, SightingStatus Status, string ReporterRole, string? ReporterContact,
    SightingChannel? Channel = null, SightingReviewView? Review = null);
