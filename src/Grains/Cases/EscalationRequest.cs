namespace EarlyWarning.Grains.Cases;

/// <summary>A supervisor's request to publish a case: the family's consent, or the documented reason to publish without it.</summary>
/// <param name="Actor">The requesting supervisor.</param>
/// <param name="Consent">The family's or guardian's consent, when given.</param>
/// <param name="ReasonWithoutConsent">Why the case goes public without consent; required when there is none and approval is required.</param>
[GenerateSerializer, Immutable, Alias("ew.escalation-request")]
public sealed record EscalationRequest(string Actor, FamilyConsent? Consent = null, string? ReasonWithoutConsent = null);
