namespace EarlyWarning.Gateway.Hosting;

/// <summary>Names of the rate-limiting policies; each limits one client IP to a number of requests per window.</summary>
public static class RateLimitPolicies
{
    /// <summary><c>POST /api/cases/{id}/sightings</c> from anonymous callers and public-subscriber tokens.</summary>
    public const string AnonymousSightings = "anonymous-sightings";

    /// <summary><c>POST /api/subscribers</c>.</summary>
    public const string Subscriptions = "subscriptions";

    /// <summary><c>POST /api/auth/token</c>: slows password guessing.</summary>
    public const string TokenRequests = "token-requests";
}
