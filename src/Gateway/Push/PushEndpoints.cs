using System.Security.Claims;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Subscribers;
using EarlyWarning.Grains.Subscribers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// <c>GET /api/push/key</c> (anonymous): the VAPID public key. <c>PUT</c> / <c>DELETE
/// /api/subscribers/me/push</c>: a public subscriber's or field team's Web Push subscription.
/// </summary>
public static class PushEndpoints
{
    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/push/key", Key).WithTags("Push").AllowAnonymous();
        var me = app.MapGroup("/api/subscribers/me/push").WithTags("Push").RequireAuthorization(Policies.AlertReceiver)
            .RequireRateLimiting(RateLimitPolicies.SubscriberRequests);
        me.MapPut("/", Put);
        me.MapDelete("/", Delete);
        return app;
    }

    public static Results<Ok<PushKeyView>, ProblemHttpResult> Key(VapidIdentity identity) =>
        identity.Keys is { } keys ? TypedResults.Ok(new PushKeyView(keys.PublicKey)) : PushOff();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Put(
        PushSubscriptionRequest request, ClaimsPrincipal user, IGrainFactory grains, PushEndpointPolicy policy,
        VapidIdentity identity, SubscriberService subscribers)
    {
        if (identity.Keys is null)
        {
            return PushOff();
        }

        var errors = new ValidationErrors();
        if (PushSubscriptionValidation.Validate(request, policy, errors) is not { } push)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (TokenIssuer.SubjectOf(user) is not { } id)
        {
            return SubscriptionNotFound();
        }

        if (user.IsInRole(Roles.Field))
        {
            // Lives as long as the account does (PushSender checks it before each push).
            push = push with { AccountStamp = user.FindFirst(TokenIssuer.StampClaim)?.Value };
        }

        var grain = grains.GetGrain<ISubscriberGrain>(id);
        if (await grain.SetPush(push))
        {
            return TypedResults.NoContent();
        }

        // A field team may ask for pushes before its first position: it is subscribed, placed nowhere yet.
        return user.IsInRole(Roles.Field) && await subscribers.SubscribeField(user, lat: null, lon: null) && await grain.SetPush(push)
            ? TypedResults.NoContent()
            : SubscriptionNotFound();
    }

    /// <summary>
    /// Turns pushes off: with <paramref name="endpoint"/>, for that phone only (a field account's
    /// other phones go on); without, for every phone of the subscriber.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(ClaimsPrincipal user, IGrainFactory grains, string? endpoint = null)
    {
        if (TokenIssuer.SubjectOf(user) is not { } id)
        {
            return SubscriptionNotFound();
        }

        var grain = grains.GetGrain<ISubscriberGrain>(id);
        return await (string.IsNullOrWhiteSpace(endpoint) ? grain.SetPush(null) : grain.RemovePush(endpoint))
            ? TypedResults.NoContent()
            : SubscriptionNotFound();
    }

    private static ProblemHttpResult PushOff() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Web Push is not enabled on this gateway.");

    private static ProblemHttpResult SubscriptionNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No subscription for this token.");
}
