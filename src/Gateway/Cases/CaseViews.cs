using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// API.md's <c>Case</c>. <typeparamref name="TSighting"/> is the sighting view the caller may see.
/// <c>cancelsPending</c> (added): resolved, and some tile's cancel is still being retried.
/// <c>exercise</c> (added): the case is a drill. Added for
/// safeguarding: <c>category</c>; and for operators only <c>escalation</c> (the latest request to go
/// public, with the consent), <c>detail</c> and <c>referral</c>. Retention (added): <c>purgedAt</c>, when
/// the case's personal data was erased; the child's fields are null from then on.
/// </summary>
public sealed record CaseView<TSighting>(
    string Id,
    CaseStatus Status,
    CaseOutcome? Outcome,
    CaseLevel Level,
    long Version,
    ChildView Child,
    PointInTime LastSeen,
    TravelMode TravelMode,
    DateTimeOffset CreatedAt,
    ZoneView Zone,
    IReadOnlyList<TSighting> Sightings,
    StatsView Stats,
    bool CancelsPending,
    bool Exercise,
    CaseCategory? Category = null,
    EscalationView? Escalation = null,
    ResolutionDetail? Detail = null,
    ReferralView? Referral = null,
    DateTimeOffset? PurgedAt = null);

/// <summary>API.md's <c>Child</c>; every field null once retention purged the case.</summary>
public sealed record ChildView(string? Name, int? Age, string? Sex, string? Description, string? PhotoUrl);

public sealed record PointInTime(double Lat, double Lon, DateTimeOffset At);

public sealed record ZoneView(double RadiusKm, IReadOnlyList<AnchorView> Anchors);

public sealed record AnchorView(double Lat, double Lon, DateTimeOffset At, double RadiusKm);

/// <summary>
/// Dispatch figures; <c>p50Ms</c> / <c>p99Ms</c> are added to API.md's three, as in <c>dispatchStats</c>,
/// and <c>pushed</c>: first alerts a Web Push service accepted, apart from <c>delivered</c> (live sockets).
/// </summary>
public sealed record StatsView(long Alerted, long Delivered, long Acknowledged, double P50Ms, double P99Ms, long Pushed);

/// <summary>
/// A line of <c>GET /api/cases</c>; <c>category</c>, <c>outcome</c>, <c>detail</c> and <c>escalationPending</c> added; <c>exercise</c> (added): the case is a drill;
/// <c>purgedAt</c> (added): when retention erased its personal data, <c>childName</c> null from then on.
/// </summary>
public sealed record CaseSummaryView(
    string Id, CaseStatus Status, CaseLevel Level, long Version, string? ChildName, PointInTime LastSeen, DateTimeOffset CreatedAt,
    CaseCategory Category, CaseOutcome? Outcome, ResolutionDetail? Detail, bool EscalationPending, bool Exercise, DateTimeOffset? PurgedAt = null);
