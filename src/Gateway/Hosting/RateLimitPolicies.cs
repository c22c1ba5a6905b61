namespace EarlyWarning.Gateway.Hosting;

/// <summary>Names of the rate-limiting policies (<see cref="RateLimiting"/>); each is a token bucket per partition.</summary>
public static class RateLimitPolicies
{
    /// <summary><c>POST /api/cases/{id}/sightings</c> from anonymous callers and public-subscriber tokens, per address, under a gateway ceiling.</summary>
    public const string AnonymousSightings = "anonymous-sightings";

    /// <summary><c>POST /api/subscribers</c>, per address, under a gateway ceiling.</summary>
    public const string Subscriptions = "subscriptions";

    /// <summary><c>POST /api/auth/token</c> per address; the account's own limit and lock-out are in <see cref="Auth.SignInGuard"/>.</summary>
    public const string TokenRequests = "token-requests";

    /// <summary><c>PUT /api/subscribers/me/location</c>, per subscriber.</summary>
    public const string Locations = "locations";

    /// <summary>
    /// The other <c>/api/subscribers/me</c> routes (alerts, exercises, push, unsubscribe), per
    /// subscriber: each writes its grain and tile, or reads its tile.
    /// </summary>
    public const string SubscriberRequests = "subscriber-requests";

    /// <summary>The anonymous CAP routes, per address.</summary>
    public const string PartnerFeeds = "partner-feeds";
}
