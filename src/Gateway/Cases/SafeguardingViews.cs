using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>A case's request to go public (the 202 answer of <c>…/escalate</c>, and <c>Case.escalation</c>). Operators only.</summary>
public sealed record EscalationView(
    string CaseId,
    EscalationStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    ConsentView? Consent,
    string? ReasonWithoutConsent,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason);

/// <summary>The family's consent as recorded; <c>givenBy</c> null once retention purged it.</summary>
public sealed record ConsentView(string? GivenBy, ConsentMethod Method, DateTimeOffset GivenAt);

/// <summary>A found child's referral. Operators only, never public. <c>receivingBody</c> and <c>referredBy</c> null once retention purged them.</summary>
public sealed record ReferralView(ReferralMechanism Mechanism, string? ReceivingBody, DateTimeOffset ReferredAt, string? ReferredBy);

/// <summary>Who verified or rejected a sighting, when, why, and the earlier sighting a duplicate repeats.</summary>
public sealed record SightingReviewView(string By, DateTimeOffset At, string? Reason, string? DuplicateOf);
