using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>A line of the case list; the fields after <see cref="CreatedAt"/> were added later (filters, approvals, <c>Exercise</c>: the case is a drill; <c>PurgedAt</c>: when retention erased its personal data, the child's name then empty).</summary>
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
    DateTimeOffset CreatedAt,
    CaseCategory Category = CaseCategory.Unspecified,
    CaseOutcome? Outcome = null,
    ResolutionDetail? Detail = null,
    bool EscalationPending = false,
    bool Exercise = false,
    DateTimeOffset? PurgedAt = null);
