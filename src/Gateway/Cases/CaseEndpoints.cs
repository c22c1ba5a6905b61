using System.Security.Claims;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Pages;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Cases;

public static class CaseEndpoints
{
    public static RouteGroupBuilder MapCases(this IEndpointRouteBuilder app)
    {
        // Field teams may read active cases; everything else is the control room's.
        var cases = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(Policies.CaseReader).RequireWellFormedIds();
        cases.MapPost("/", OpenCase).RequireAuthorization(Policies.ControlRoom);
        cases.MapGet("/", ListCases).RequireAuthorization(Policies.ControlRoom);
        cases.MapGet("/{id}", GetCase);
        cases.MapGet("/{id}/zone", GetZone);
        cases.MapGet("/{id}/timeline", GetTimeline).RequireAuthorization(Policies.ControlRoom);
        cases.MapGet("/{id}/reach", GetReach).RequireAuthorization(Policies.ControlRoom);
        cases.MapPost("/{id}/escalate", Escalate).RequireAuthorization(Policies.Supervisor);
        cases.MapPost("/{id}/resolve", Resolve).RequireAuthorization(Policies.ControlRoom);
        cases.MapPost("/{id}/sightings", ReportSighting).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.AnonymousSightings);
        cases.MapPost("/{id}/sightings/{sightingId}/verify", VerifySighting).RequireAuthorization(Policies.ControlRoom);
        cases.MapPost("/{id}/sightings/{sightingId}/reject", RejectSighting).RequireAuthorization(Policies.ControlRoom);
        return cases;
    }

    public static async Task<Results<Created<CaseView<OperatorSightingView>>, ValidationProblem, ProblemHttpResult>> OpenCase(
        CreateCaseRequest request, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, IOptions<PageOptions> pages,
        [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var (key, keyError) = IdempotencyKey.Read(http.Request);
        var errors = CaseValidation.Validate(request, clock.GetUtcNow(), pages.Value.PhotoHosts);
        if (keyError is not null)
        {
            errors.Add(IdempotencyKey.Header, keyError);
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var level = request.Level ?? CaseLevel.Internal;
        if (level == CaseLevel.Public && !user.IsInRole(Roles.Supervisor))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a supervisor may open a public case.");
        }

        var child = request.Child!;
        var opening = new CaseOpening(
            new ChildProfile(child.Name!.Trim(), child.Age!.Value, child.Sex, child.Description!.Trim(), child.PhotoUrl),
            request.LastSeen!.Lat!.Value, request.LastSeen.Lon!.Value, request.LastSeen.At!.Value,
            request.TravelMode!.Value, level, Actor(user), request.Exercise ?? false);
        var id = Ids.NewCaseId();
        if (key is null)
        {
            var snapshot = await grains.GetGrain<ICaseGrain>(id).Open(opening);
            return TypedResults.Created($"/api/cases/{id}", CaseViewMapping.ForOperators(snapshot));
        }

        // Kept in a grain, not this gateway: a retry through another gateway, or after a restart, finds it.
        var account = TokenIssuer.SubjectOf(user) ?? Actor(user);
        var result = await grains.GetGrain<ICaseOpeningGrain>(IdempotencyKey.GrainKey(account, key))
            .Open(IdempotencyKey.Fingerprint(request), id, opening);
        if (result is not { Outcome: not CaseOpeningOutcome.KeyReused, Case: { } opened })
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [IdempotencyKey.Header] = [$"This '{IdempotencyKey.Header}' was used with a different request; use a new key for a new case."],
            })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = $"The {IdempotencyKey.Header} was already used for another request.",
            });
        }

        if (result.Outcome == CaseOpeningOutcome.Replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        }

        return TypedResults.Created($"/api/cases/{opened.Id}", CaseViewMapping.ForOperators(opened));
    }

    public static async Task<Results<Ok<CaseSummaryView[]>, ValidationProblem>> ListCases(string? status, IGrainFactory grains)
    {
        CaseStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["'status' must be active or resolved."] });
            }

            filter = parsed;
        }

        var list = await grains.GetGrain<ICaseDirectoryGrain>(0).List(filter);
        return TypedResults.Ok(list.Select(CaseViewMapping.ToSummary).ToArray());
    }

    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, Ok<CaseView<SightingView>>, ProblemHttpResult>> GetCase(
        string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<ICaseGrain>(id).GetCase();
        if (snapshot is null || (IsFieldOnly(user) && snapshot.Status != CaseStatus.Active))
        {
            return CaseNotFound(id);
        }

        return IsFieldOnly(user)
            ? TypedResults.Ok(CaseViewMapping.ForField(snapshot))
            : TypedResults.Ok(CaseViewMapping.ForOperators(snapshot));
    }

    public static async Task<Results<Ok<ZoneFeature>, ProblemHttpResult>> GetZone(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var zone = await grains.GetGrain<ICaseGrain>(id).GetZone();
        return zone is null || (IsFieldOnly(user) && zone.Child is null)
            ? CaseNotFound(id)
            : TypedResults.Ok(CaseViewMapping.ToFeature(zone));
    }

    /// <summary>How many the zone reaches now: field teams alone (internal) and everyone (public).</summary>
    public static async Task<Results<Ok<ReachView>, ProblemHttpResult>> GetReach(string id, IGrainFactory grains)
    {
        var grain = grains.GetGrain<ICaseGrain>(id);
        var (asInternal, asPublic) = (grain.PreviewReach(CaseLevel.Internal), grain.PreviewReach(CaseLevel.Public));
        return await asInternal is { } fieldTeams && await asPublic is { } everyone
            ? TypedResults.Ok(new ReachView(id, fieldTeams, everyone))
            : CaseNotFound(id);
    }

    public static async Task<Results<Ok<TimelineEntry[]>, ProblemHttpResult>> GetTimeline(string id, IGrainFactory grains)
    {
        var grain = grains.GetGrain<ICaseGrain>(id);
        return await grain.GetCase() is null ? CaseNotFound(id) : TypedResults.Ok(await grain.GetTimeline());
    }

    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, ProblemHttpResult>> Escalate(
        string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ICaseGrain>(id).Escalate(Actor(user));
        return result is { Refusal: CaseRefusal.None, Case: { } c } ? TypedResults.Ok(CaseViewMapping.ForOperators(c)) : Refused(id, result.Refusal);
    }

    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, ValidationProblem, ProblemHttpResult>> Resolve(
        string id, ResolveCaseRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new ValidationErrors().Text(request.Note, "note", 2000, required: false);
        if (request.Outcome is null)
        {
            errors.Add("outcome", "'outcome' is required: found or cancelled.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await grains.GetGrain<ICaseGrain>(id).Resolve(request.Outcome!.Value, request.Note, Actor(user));
        return result is { Refusal: CaseRefusal.None, Case: { } c } ? TypedResults.Ok(CaseViewMapping.ForOperators(c)) : Refused(id, result.Refusal);
    }

    public static Task<Results<Ok<OperatorSightingView>, ProblemHttpResult>> VerifySighting(
        string id, string sightingId, ClaimsPrincipal user, IGrainFactory grains) => Review(id, sightingId, verify: true, user, grains);

    public static Task<Results<Ok<OperatorSightingView>, ProblemHttpResult>> RejectSighting(
        string id, string sightingId, ClaimsPrincipal user, IGrainFactory grains) => Review(id, sightingId, verify: false, user, grains);

    private static async Task<Results<Ok<OperatorSightingView>, ProblemHttpResult>> Review(
        string id, string sightingId, bool verify, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ICaseGrain>(id).ReviewSighting(sightingId, verify, Actor(user));
        return result is { Refusal: CaseRefusal.None, Sighting: { } s } ? TypedResults.Ok(CaseViewMapping.ForOperators(s)) : Refused(id, result.Refusal);
    }

    private static ProblemHttpResult Refused(string id, CaseRefusal refusal) => refusal switch
    {
        CaseRefusal.Resolved => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case is resolved."),
        CaseRefusal.AlreadyReviewed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The sighting was already reviewed the other way."),
        CaseRefusal.UnknownSighting => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Sighting not found."),
        _ => CaseNotFound(id),
    };

    public static async Task<Results<Accepted<OperatorSightingView>, Accepted<SightingView>, ValidationProblem, ProblemHttpResult>> ReportSighting(
        string id, ReportSightingRequest request, ClaimsPrincipal user, IGrainFactory grains,
        [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var errors = CaseValidation.Validate(request, clock.GetUtcNow());
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var role = ReporterRole(user);
        var report = new SightingReport(
            request.Id ?? Ids.NewSightingId(),
            request.Lat!.Value, request.Lon!.Value, request.SeenAt!.Value, request.Description!.Trim(),
            role, request.ReporterContact, Verified: role != "public");
        var result = await grains.GetGrain<ICaseGrain>(id).ReportSighting(report);
        return result switch
        {
            { Sighting: { } s } when user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Supervisor) =>
                TypedResults.Accepted($"/api/cases/{id}", CaseViewMapping.ForOperators(s)),
            { Sighting: { } s } => TypedResults.Accepted($"/api/cases/{id}", CaseViewMapping.ForPublic(s)),

            // An internal case does not exist as far as the public can tell.
            _ => Refused(id, result.Refusal),
        };
    }

    private static string ReporterRole(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(TokenIssuer.RoleClaim) is { } role && role != Roles.Subscriber
            ? role
            : "public";

    /// <summary>Who the timeline names for a command: the signed-in user.</summary>
    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static bool IsFieldOnly(ClaimsPrincipal user) => user.IsInRole(Roles.Field);

    private static ProblemHttpResult CaseNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found.", detail: $"No case has id '{id}'.");
}
