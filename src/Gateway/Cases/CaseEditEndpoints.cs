using System.Security.Claims;
using EarlyWarning.Grains.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// Correcting an open case (the child, travel mode, category); those already alerted get the new
/// version as an update. Mapped under <c>/api/cases</c> by <see cref="CaseEndpoints"/>.
/// </summary>
public static class CaseEditEndpoints
{
    /// <summary>
    /// 200 <c>Case</c> (unchanged when nothing changed, <c>{}</c> included); 400 naming the field (a
    /// missing body too: it is not an edit); 404; 409 once resolved.
    /// </summary>
    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, ValidationProblem, ProblemHttpResult>> Edit(
        string id, EditCaseRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = CaseValidation.Validate(request);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var child = request.Child;
        var edit = new CaseEdit(
            CaseEndpoints.Actor(user), child?.Name?.Trim(), child?.Age, child?.Sex?.Trim(), child?.Description?.Trim(),
            request.TravelMode, request.Category);

        // One grain call: the case applies all of it or none.
        var result = await grains.GetGrain<ICaseGrain>(id).Edit(edit);
        return result is { Refusal: CaseRefusal.None, Case: { } c } ? TypedResults.Ok(CaseViewMapping.ForOperators(c)) : CaseEndpoints.Refused(id, result.Refusal);
    }
}
