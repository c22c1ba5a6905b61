using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>The body of <c>POST /api/cases/{id}/resolve</c>.</summary>
public sealed record ResolveCaseRequest(CaseOutcome? Outcome, string? Note);
