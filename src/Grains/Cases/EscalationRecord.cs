using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>A case's latest request to go public and what became of it. Operators only.</summary>
/// <param name="Status">Pending, approved or rejected.</param>
/// <param name="RequestedBy">The supervisor who asked.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="Consent">The family's consent, if recorded.</param>
/// <param name="ReasonWithoutConsent">The documented reason to publish without consent.</param>
/// <param name="DecidedBy">The supervisor who approved or rejected it (the requester, when one approver suffices).</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DecisionReason">Why it was rejected.</param>
[GenerateSerializer, Immutable, Alias("ew.escalation-record")]
public sealed record EscalationRecord(
    EscalationStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    FamilyConsent? Consent,
    string? ReasonWithoutConsent,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionReason = null);
