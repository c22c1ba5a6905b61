namespace EarlyWarning.Gateway.Cases;

/// <summary>The body of <c>POST /api/cases/{id}/escalation/reject</c>: why the case stays internal.</summary>
public sealed record RejectEscalationRequest(string? Reason);
