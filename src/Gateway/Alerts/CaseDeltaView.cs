using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Cases;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// API.md's <c>caseDelta</c> (added, opt-in): a case's id and version and only the parts of
/// <c>Case</c> that changed since its last event; a part left out (null) did not change.
/// </summary>
public sealed record CaseDeltaView(
    string CaseId,
    long Version,
    CaseStatus? Status = null,
    CaseOutcome? Outcome = null,
    CaseLevel? Level = null,
    ChildView? Child = null,
    ZoneView? Zone = null,
    IReadOnlyList<OperatorSightingView>? Sightings = null,
    StatsView? Stats = null,
    bool? CancelsPending = null,
    CaseCategory? Category = null,
    EscalationView? Escalation = null,
    ResolutionDetail? Detail = null,
    ReferralView? Referral = null);
