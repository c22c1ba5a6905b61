using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>The body of <c>POST /api/cases</c>. Everything nullable, so a missing field is named, not defaulted.</summary>
/// <remarks><c>category</c> (added) is optional: a case opened without one is <c>unspecified</c>.
/// <c>exercise</c> (added, optional, default false): a drill, alerting only those opted in to exercises.</remarks>
public sealed record CreateCaseRequest(ChildRequest? Child, LastSeenRequest? LastSeen, TravelMode? TravelMode, CaseLevel? Level, CaseCategory? Category = null, bool? Exercise = null);

public sealed record ChildRequest(string? Name, int? Age, string? Sex, string? Description, string? PhotoUrl);

public sealed record LastSeenRequest(double? Lat, double? Lon, DateTimeOffset? At);
