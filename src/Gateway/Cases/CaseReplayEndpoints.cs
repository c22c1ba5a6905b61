using EarlyWarning.Grains.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// The control room's replay of a case (after-action review, or catching up on an active one):
/// operators and supervisors only, since it places every sighting. Mapped under
/// <c>/api/cases</c> by <see cref="CaseEndpoints"/>.
/// </summary>
public static class CaseReplayEndpoints
{
    /// <summary>200 <c>CaseReplay</c> for an active, resolved or purged case; 404 for an unknown one.</summary>
    public static async Task<Results<Ok<CaseReplay>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        await grains.GetGrain<ICaseGrain>(id).GetReplay() is { } replay ? TypedResults.Ok(replay) : CaseEndpoints.CaseNotFound(id);
}
