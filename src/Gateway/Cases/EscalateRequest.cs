using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// The body of <c>POST /api/cases/{id}/escalate</c>, optional where one supervisor publishes: the
/// family's consent, or the documented reason to publish without it.
/// </summary>
public sealed record EscalateRequest(ConsentRequest? Consent, string? ReasonWithoutConsent);

/// <summary>Who gave consent (a name or a role), how, and when.</summary>
public sealed record ConsentRequest(string? GivenBy, ConsentMethod? Method, DateTimeOffset? GivenAt);
