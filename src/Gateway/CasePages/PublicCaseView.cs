using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Geo;

namespace EarlyWarning.Gateway.CasePages;

/// <summary>
/// What anyone may read of a public case: its page (<c>/c/{id}</c>) and <c>GET /api/public/cases/{id}</c>
/// are both drawn from this and nothing else. Once the case is resolved only the id, the status,
/// the outcome and the exercise mark remain: no child, no place, no zone.
/// </summary>
public sealed record PublicCaseView(
    string Id,
    CaseStatus Status,
    CaseOutcome? Outcome,
    bool Exercise,
    PublicChildView? Child,
    PublicLastSeenView? LastSeen,
    GeoJsonGeometry? Zone);

/// <summary>The child as an appeal shows it: never the sex, the category or anything of the family.</summary>
public sealed record PublicChildView(string Name, int Age, string Description, string? PhotoUrl);

/// <summary>When the child was last seen and the nearest town (not the coordinates).</summary>
public sealed record PublicLastSeenView(DateTimeOffset At, string? Town, double? DistanceKm);
