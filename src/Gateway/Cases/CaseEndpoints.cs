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
        cases.MapPatch("/{id}", CaseEditEndpoints.Edit).RequireAuthorization(Policies.ControlRoom);
        cases.MapGet("/{id}/zone", GetZone);
        cases.MapGet("/{id}/timeline", GetTimeline).RequireAuthorization(Policies.ControlRoom);
        cases.MapGet("/{id}/replay", CaseReplayEndpoints.Get).RequireAuthorization(Policies.ControlRoom);
        cases.MapGet("/{id}/reach", GetReach).RequireAuthorization(Policies.ControlRoom);
        cases.MapPost("/{id}/escalate", EscalationEndpoints.Escalate).RequireAuthorization(Policies.Supervisor);
        cases.MapPost("/{id}/escalation/approve", EscalationEndpoints.Approve).RequireAuthorization(Policies.Supervisor);
        cases.MapPost("/{id}/escalation/reject", EscalationEndpoints.Reject).RequireAuthorization(Policies.Supervisor);
        cases.MapPost("/{id}/resolve", Resolve).RequireAuthorization(Policies.ControlRoom);
        cases.MapPost("/{id}/sightings", ReportSighting).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.AnonymousSightings);
        cases.MapPost("/{id}/sightings/{sightingId}/verify", VerifySighting).RequireAuthorization(Policies.ControlRoom);
        cases.MapPost("/{id}/sightings/{sightingId}/reject", RejectSighting).RequireAuthorization(Policies.ControlRoom);
        return cases;
    }

    public static async Task<Results<Created<CaseView<OperatorSightingView>>, ValidationProblem, ProblemHttpResult>> OpenCase(
        CreateCaseRequest request, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, IOptions<PageOptions> pages,
        IOptions<CaseOptions> caseOptions, [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var (key, keyError) = IdempotencyKey.Read(http.Request);
        var errors = CaseValidation.Validate(request, clock.GetUtcNow(), pages.Value.PhotoHosts);
        if (keyError is not null)
        {
            errors.Add(IdempotencyKey.Header, keyError);
        }

        // No way round the second supervisor: such a case opens internal and is escalated.
        if (request.Level == CaseLevel.Public && caseOptions.Value.ApprovalRequired)
        {
            errors.Add("level", "A case goes public only when a second supervisor approves (Cases:EscalationApprovers is 2): open it internal, then escalate it with the family's consent.");
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
            new ChildProfile(child.Name!.Trim(), child.Age!.Value, OptionalText.Of(child.Sex), child.Description!.Trim(), OptionalText.Of(child.PhotoUrl)),
            request.LastSeen!.Lat!.Value, request.LastSeen.Lon!.Value, request.LastSeen.At!.Value.ToUniversalTime(),
            request.TravelMode!.Value, level, Actor(user), request.Category ?? CaseCategory.Unspecified, request.Exercise ?? false);
        var id = CaseId.New().Value;
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

    /// <summary>
    /// The case list, filtered by status, category, outcome, detail, whether a request to publish waits (<c>escalation=pending</c>),
    /// and for review: <c>q</c> (part of the child's name, any case; a purged case has none) and <c>from</c>/<c>to</c>
    /// (ISO dates, UTC, inclusive, on when the case was opened).
    /// </summary>
    public static async Task<Results<Ok<CaseSummaryView[]>, ValidationProblem>> ListCases(
        string? status, string? category, string? outcome, string? detail, string? escalation, string? q, string? from, string? to,
        IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        var statusFilter = Filter<CaseStatus>(status, "status", errors);
        var categoryFilter = Filter<CaseCategory>(category, "category", errors);
        var outcomeFilter = Filter<CaseOutcome>(outcome, "outcome", errors);
        var detailFilter = Filter<ResolutionDetail>(detail, "detail", errors);
        if (escalation is not null && escalation != "pending")
        {
            errors.Add("escalation", "'escalation' must be pending (the cases whose request to go public waits for approval).");
        }

        if (q is not null && string.IsNullOrWhiteSpace(q))
        {
            errors.Add("q", "'q' must be part of a child's name, not blank.");
        }

        var fromDate = DateFilter(from, "from", errors);
        var toDate = DateFilter(to, "to", errors);
        if (fromDate > toDate)
        {
            errors.Add("from", "'from' must not be after 'to'.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var list = await grains.GetGrain<ICaseDirectoryGrain>(0).List(statusFilter);
        return TypedResults.Ok(list
            .Where(c => (categoryFilter is null || c.Category == categoryFilter)
                && (outcomeFilter is null || c.Outcome == outcomeFilter)
                && (detailFilter is null || c.Detail == detailFilter)
                && (escalation is null || c.EscalationPending)
                && (q is null || (c.PurgedAt is null && c.ChildName.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)))
                && (fromDate is null || DateOnly.FromDateTime(c.CreatedAt.UtcDateTime) >= fromDate)
                && (toDate is null || DateOnly.FromDateTime(c.CreatedAt.UtcDateTime) <= toDate))
            .Select(CaseViewMapping.ToSummary)
            .ToArray());
    }

    /// <summary>A day as ISO 8601 (<c>2026-12-02</c>), or null when not given; anything else is an error naming the field.</summary>
    private static DateOnly? DateFilter(string? text, string field, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, $"'{field}' must be a date as yyyy-MM-dd (UTC).");
        return null;
    }

    private static T? Filter<T>(string? text, string field, ValidationErrors errors)
        where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        if (StrictEnumConverter.TryParse<T>(text, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{field}' must be one of: {string.Join(", ", Enum.GetValues<T>().Select(v => StrictEnumConverter.Name(v)))}.");
        return null;
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

    /// <summary>The audit trail as JSON (the default) or, with <c>format=csv</c>, as a CSV download for after-action review.</summary>
    public static async Task<Results<Ok<TimelineEntry[]>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTimeline(
        string id, string? format, HttpContext http, IGrainFactory grains)
    {
        if (format is not (null or "json" or "csv"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["'format' must be json or csv."] });
        }

        var grain = grains.GetGrain<ICaseGrain>(id);
        if (await grain.GetCase() is null)
        {
            return CaseNotFound(id);
        }

        var timeline = await grain.GetTimeline();
        if (format != "csv")
        {
            return TypedResults.Ok(timeline);
        }

        // Ids are well-formed (letters, digits, '-'), so the name needs no escaping inside its quotes.
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{TimelineCsv.FileName(id)}\"";
        return TypedResults.Text(TimelineCsv.Write(timeline), TimelineCsv.ContentType);
    }

    public static async Task<Results<Ok<CaseView<OperatorSightingView>>, ValidationProblem, ProblemHttpResult>> Resolve(
        string id, ResolveCaseRequest request, ClaimsPrincipal user, IGrainFactory grains, [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var errors = SafeguardingValidation.Validate(request, clock.GetUtcNow());
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var referral = request.Referral is { } r
            ? new CaseReferral(r.Mechanism!.Value, r.ReceivingBody!.Trim(), r.ReferredAt!.Value.ToUniversalTime(), OptionalText.Of(r.ReferredBy) ?? Actor(user))
            : null;
        var result = await grains.GetGrain<ICaseGrain>(id).Resolve(request.Outcome!.Value, request.Note, Actor(user), request.Detail, referral);
        return result is { Refusal: CaseRefusal.None, Case: { } c } ? TypedResults.Ok(CaseViewMapping.ForOperators(c)) : Refused(id, result.Refusal);
    }

    public static Task<Results<Ok<OperatorSightingView>, ValidationProblem, ProblemHttpResult>> VerifySighting(
        string id, string sightingId, ReviewSightingRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        Review(id, sightingId, verify: true, request, user, grains);

    public static Task<Results<Ok<OperatorSightingView>, ValidationProblem, ProblemHttpResult>> RejectSighting(
        string id, string sightingId, ReviewSightingRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        Review(id, sightingId, verify: false, request, user, grains);

    /// <summary>Verify or reject, with an optional body (reason, duplicate) so the one-click calls of old still work.</summary>
    private static async Task<Results<Ok<OperatorSightingView>, ValidationProblem, ProblemHttpResult>> Review(
        string id, string sightingId, bool verify, ReviewSightingRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = SafeguardingValidation.Validate(request, verify);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var reason = OptionalText.Of(request?.Reason);
        var result = await grains.GetGrain<ICaseGrain>(id).ReviewSighting(sightingId, verify, Actor(user), reason, request?.DuplicateOf);
        return result is { Refusal: CaseRefusal.None, Sighting: { } s } ? TypedResults.Ok(CaseViewMapping.ForOperators(s)) : Refused(id, result.Refusal);
    }

    /// <summary>A case's refusal as problem details: 409 for a state that forbids it, 403, or 400 naming the field at fault.</summary>
    internal static ProblemHttpResult Refused(string id, CaseRefusal refusal) => refusal switch
    {
        CaseRefusal.Resolved => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case is resolved."),
        CaseRefusal.AlreadyReviewed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The sighting was already reviewed the other way."),
        CaseRefusal.UnknownSighting => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Sighting not found."),
        CaseRefusal.NothingPending => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No request to publish this case is waiting."),
        CaseRefusal.OwnRequest => TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden, title: "A request to publish is approved by another supervisor, not the one who made it."),
        CaseRefusal.ConsentRequired => FieldProblem("consent",
            "Going public needs the family's 'consent' (givenBy, method, givenAt) or a 'reasonWithoutConsent'."),
        CaseRefusal.ReferralRequired => FieldProblem("referral",
            "A found child in a case of suspected trafficking is referred: give the 'referral' (mechanism, receivingBody, referredAt)."),
        CaseRefusal.UnknownDuplicate => FieldProblem("duplicateOf", "'duplicateOf' must be another sighting of this case."),
        CaseRefusal.SightingIdTaken => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["id"] = ["Another report already has this 'id'; leave it out for a new one."] })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The sighting id is taken.",
        }),
        _ => CaseNotFound(id),
    };

    /// <summary>A 400 naming one field, for a rule only the case can check.</summary>
    private static ProblemHttpResult FieldProblem(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        });

    public static async Task<Results<Accepted<OperatorSightingView>, Accepted<SightingView>, ValidationProblem, ProblemHttpResult>> ReportSighting(
        string id, ReportSightingRequest request, ClaimsPrincipal user, IGrainFactory grains,
        [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var errors = CaseValidation.Validate(request, clock.GetUtcNow());
        var role = ReporterRole(user);
        if (role == "public" && request.Channel is { } channel && channel != SightingChannel.Web)
        {
            errors.Add("channel", "Only the control room logs tips from the phone, the hotline, the police, an NGO or in person; a report here is 'web'.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // A tip (anonymous, or logged from a channel) waits for verification; what a team saw counts at once.
        var report = new SightingReport(
            request.Id ?? SightingId.New().Value,
            request.Lat!.Value, request.Lon!.Value, request.SeenAt!.Value.ToUniversalTime(), request.Description!.Trim(),
            role, OptionalText.Of(request.ReporterContact), Verified: role != "public" && request.Channel is null,
            role == "public" ? SightingChannel.Web : request.Channel);
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
    internal static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static bool IsFieldOnly(ClaimsPrincipal user) => user.IsInRole(Roles.Field);

    internal static ProblemHttpResult CaseNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found.", detail: $"No case has id '{id}'.");
}
