using System.Security.Claims;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// Going public: a supervisor asks, with the family's consent or a reason to publish without it;
/// a second supervisor approves or rejects. Mapped under <c>/api/cases</c> by <see cref="CaseEndpoints"/>.
/// </summary>
public static class EscalationEndpoints
{
    /// <summary>200 <c>Case</c> when it is public (one approver, or already public); 202 with the request when it waits for approval.</summary>
    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, Accepted<EscalationView>, ValidationProblem, ProblemHttpResult>> Escalate(
        string id, EscalateRequest? request, ClaimsPrincipal user, IGrainFactory grains, [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var errors = SafeguardingValidation.Validate(request, clock.GetUtcNow());
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var consent = request?.Consent is { } c ? new FamilyConsent(c.GivenBy!.Trim(), c.Method!.Value, c.GivenAt!.Value.ToUniversalTime()) : null;
        var reason = OptionalText.Of(request?.ReasonWithoutConsent);
        var result = await grains.GetGrain<ICaseGrain>(id).Escalate(new EscalationRequest(CaseEndpoints.Actor(user), consent, reason));
        return result switch
        {
            { Refusal: not CaseRefusal.None } => CaseEndpoints.Refused(id, result.Refusal),
            { Case: { Level: CaseLevel.Internal, Safeguarding.Escalation: { Status: EscalationStatus.Pending } pending } } =>
                TypedResults.Accepted($"/api/cases/{id}", CaseViewMapping.ToView(id, pending)),
            { Case: { } escalated } => TypedResults.Ok(CaseViewMapping.ForOperators(escalated)),
            _ => CaseEndpoints.CaseNotFound(id),
        };
    }

    /// <summary>Another supervisor approves: 200 <c>Case</c>, now public; 403 for the requester, 409 when nothing waits.</summary>
    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, ProblemHttpResult>> Approve(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ICaseGrain>(id).ApproveEscalation(CaseEndpoints.Actor(user));
        return result is { Refusal: CaseRefusal.None, Case: { } c } ? TypedResults.Ok(CaseViewMapping.ForOperators(c)) : CaseEndpoints.Refused(id, result.Refusal);
    }

    /// <summary>A supervisor rejects with a reason (the requester may withdraw their own): 200 <c>Case</c>, still internal.</summary>
    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, ValidationProblem, ProblemHttpResult>> Reject(
        string id, RejectEscalationRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = SafeguardingValidation.Validate(request);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await grains.GetGrain<ICaseGrain>(id).RejectEscalation(CaseEndpoints.Actor(user), request!.Reason!.Trim());
        return result is { Refusal: CaseRefusal.None, Case: { } c } ? TypedResults.Ok(CaseViewMapping.ForOperators(c)) : CaseEndpoints.Refused(id, result.Refusal);
    }

}
