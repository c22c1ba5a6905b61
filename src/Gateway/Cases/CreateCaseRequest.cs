using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// The body of <c>POST /api/cases</c>. Everything nullable, so a missing field is named, not defaulted.
/// <c>Exercise</c> (optional, default false): a drill, alerting only those opted in to exercises.
/// </summary>
public sealed record CreateCaseRequest(ChildRequest? Child, LastSeenRequest? LastSeen, TravelMode? TravelMode, CaseLevel? Level, bool? Exercise = null);

public sealed record ChildRequest(string? Name, int? Age, string? Sex, string? Description, string? PhotoUrl);

public sealed record LastSeenRequest(double? Lat, double? Lon, DateTimeOffset? At);
