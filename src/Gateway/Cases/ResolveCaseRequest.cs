using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>The body of <c>POST /api/cases/{id}/resolve</c>; <c>detail</c> and <c>referral</c> added beside the outcome.</summary>
public sealed record ResolveCaseRequest(CaseOutcome? Outcome, string? Note, ResolutionDetail? Detail = null, ReferralRequest? Referral = null);

/// <summary>Where a found child was referred: the mechanism, the receiving body, when, and by whom (the signed-in user when absent).</summary>
public sealed record ReferralRequest(ReferralMechanism? Mechanism, string? ReceivingBody, DateTimeOffset? ReferredAt, string? ReferredBy);
