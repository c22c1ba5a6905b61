using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// Refuses a route whose <c>{id}</c> / <c>{caseId}</c> or <c>{sightingId}</c> is not in the form
/// <see cref="CaseId"/> and <see cref="SightingId"/> allow, with a 404 problem, before the handler (and so any grain) runs.
/// </summary>
public static class IdRoutes
{
    public static TBuilder RequireWellFormedIds<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var values = context.HttpContext.Request.RouteValues;
            if ((values.TryGetValue("id", out var id) && !CaseId.IsValid(id as string))
                || (values.TryGetValue("caseId", out var caseId) && !CaseId.IsValid(caseId as string)))
            {
                return NotFound("Case not found.", "No case has this id: case ids are 'c-' and lower-case letters, digits or hyphens.");
            }

            if (values.TryGetValue("sightingId", out var sightingId) && !SightingId.IsValid(sightingId as string))
            {
                return NotFound("Sighting not found.", "No sighting has this id: sighting ids are GUIDs.");
            }

            return await next(context);
        });

    // The id is not echoed: it may be thousands of characters of anything.
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
