using System.Security.Claims;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Grains.Subscribers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Subscribers;

public static class SubscriberEndpoints
{
    public const double MaxWatchRadiusKm = 100;

    public static RouteGroupBuilder MapSubscribers(this IEndpointRouteBuilder app)
    {
        var subscribers = app.MapGroup("/api/subscribers").WithTags("Subscribers").RequireAuthorization(Policies.AlertReceiver);
        subscribers.MapPost("/", Subscribe).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Subscriptions);
        subscribers.MapPut("/me/location", UpdateLocation).RequireRateLimiting(RateLimitPolicies.Locations);
        subscribers.MapPut("/me/exercises", SetExercises).RequireRateLimiting(RateLimitPolicies.SubscriberRequests);
        subscribers.MapGet("/me", Subscription).RequireRateLimiting(RateLimitPolicies.SubscriberRequests);
        subscribers.MapDelete("/me", Unsubscribe).RequireRateLimiting(RateLimitPolicies.SubscriberRequests);
        subscribers.MapGet("/me/alerts", ActiveAlerts).RequireRateLimiting(RateLimitPolicies.SubscriberRequests);
        return subscribers;
    }

    public static async Task<Results<Created<SubscriptionView>, ValidationProblem>> Subscribe(
        SubscribeRequest request, IGrainFactory grains, TokenIssuer tokens, IOptions<AuthOptions> options)
    {
        var errors = new ValidationErrors().Point(request.Lat, request.Lon);
        if (request.WatchRadiusKm is not { } radius)
        {
            errors.Add("watchRadiusKm", "'watchRadiusKm' is required.");
        }
        else if (!double.IsFinite(radius) || radius is < 0 or > MaxWatchRadiusKm)
        {
            errors.Add("watchRadiusKm", $"'watchRadiusKm' must be between 0 and {MaxWatchRadiusKm} km.");
        }

        if (!AlertLanguage.IsSupported(request.Language))
        {
            errors.Add("language", $"'language' must be one of: {string.Join(", ", AlertLanguage.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var id = SubscriberId.New().Value;
        await grains.GetGrain<ISubscriberGrain>(id).Subscribe(
            new SubscriberProfile(SubscriberKind.Public, request.Language!, request.WatchRadiusKm!.Value, request.Lat, request.Lon, request.Exercises ?? false));
        var token = tokens.Issue(id, Roles.Subscriber, request.Language, options.Value.SubscriberTokenLifetime);
        // The subscription is read as "me" with its token (there is no route by id).
        return TypedResults.Created("/api/subscribers/me", new SubscriptionView(id, token.AccessToken));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UpdateLocation(
        LocationRequest request, ClaimsPrincipal user, SubscriberService subscribers)
    {
        var errors = new ValidationErrors().Point(request.Lat, request.Lon);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return await subscribers.UpdateLocation(user, request.Lat!.Value, request.Lon!.Value)
            ? TypedResults.NoContent()
            : SubscriptionNotFound();
    }

    /// <summary>A public subscriber opts in to exercises or out of them; a field team's setting is the deployment's.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetExercises(
        ExercisesRequest request, ClaimsPrincipal user, SubscriberService subscribers)
    {
        if (user.IsInRole(Roles.Field))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A field team's exercises setting is not its own.",
                detail: "Field teams receive exercises as the deployment's Auth:FieldExercises setting says.");
        }

        if (request.Exercises is not { } exercises)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["exercises"] = ["'exercises' is required: true or false."] });
        }

        return await subscribers.SetExercises(user, exercises) ? TypedResults.NoContent() : SubscriptionNotFound();
    }

    /// <summary>The caller's own subscription: where it watches, how far, in which language.</summary>
    public static async Task<Results<Ok<SubscriptionDetails>, ProblemHttpResult>> Subscription(ClaimsPrincipal user, IGrainFactory grains) =>
        TokenIssuer.SubjectOf(user) is { } id && await grains.GetGrain<ISubscriberGrain>(id).GetProfile() is { } profile
            ? TypedResults.Ok(new SubscriptionDetails(id, profile.Lat, profile.Lon, profile.WatchRadiusKm, profile.Language, profile.Exercises))
            : SubscriptionNotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(ClaimsPrincipal user, IGrainFactory grains, SubscriberStatus status)
    {
        var id = TokenIssuer.SubjectOf(user);
        if (id is null || !await grains.GetGrain<ISubscriberGrain>(id).Unsubscribe())
        {
            return SubscriptionNotFound();
        }

        // A public subscriber's token dies with its subscription (a field account subscribes again by moving).
        if (user.IsInRole(Roles.Subscriber))
        {
            status.Deleted(id);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AlertMessage[]>, ProblemHttpResult>> ActiveAlerts(ClaimsPrincipal user, SubscriberService subscribers) =>
        await subscribers.ActiveAlerts(user) is { } alerts ? TypedResults.Ok(alerts) : SubscriptionNotFound();

    private static ProblemHttpResult SubscriptionNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No subscription for this token.");
}
