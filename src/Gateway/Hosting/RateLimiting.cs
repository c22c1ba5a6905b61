using System.Globalization;
using System.Threading.RateLimiting;
using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter (<see cref="RateLimitPolicies"/>): a token bucket per client address
/// (<see cref="ClientPartition"/>, after forwarded headers from known proxies), per subscriber for
/// location updates, and a gateway ceiling behind the buckets of subscriptions and anonymous
/// sightings. A rejection is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimiting
{
    /// <summary>The partition of callers who are never limited.</summary>
    private const string Unlimited = "unlimited";

    /// <summary>ASP.NET Core's problem defaults know no type for 429; RFC 6585 defines the status.</summary>
    private const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public static WebApplicationBuilder AddEarlyWarningRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GatewayCeilings>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteProblem;
            o.AddPolicy(RateLimitPolicies.AnonymousSightings, ctx => IsTrustedReporter(ctx)
                ? RateLimitPartition.GetNoLimiter(Unlimited)
                : UnderCeiling(Client(ctx), Limits(ctx).AnonymousSightings, Ceilings(ctx).AnonymousSightings));
            o.AddPolicy(RateLimitPolicies.Subscriptions, ctx =>
                UnderCeiling(Client(ctx), Limits(ctx).Subscriptions, Ceilings(ctx).Subscriptions));
            o.AddPolicy(RateLimitPolicies.TokenRequests, ctx => Bucket(Client(ctx), Limits(ctx).TokenRequests));
            o.AddPolicy(RateLimitPolicies.PartnerFeeds, ctx => Bucket(Client(ctx), Limits(ctx).PartnerFeeds));
            // Authorization has run: a location update always carries a subject.
            o.AddPolicy(RateLimitPolicies.Locations, ctx =>
                Bucket(TokenIssuer.SubjectOf(ctx.User) ?? Client(ctx), Limits(ctx).Locations));
            o.AddPolicy(RateLimitPolicies.SubscriberRequests, ctx =>
                Bucket(TokenIssuer.SubjectOf(ctx.User) ?? Client(ctx), Limits(ctx).SubscriberRequests));
        });
        return builder;
    }

    /// <summary>Field teams, operators and supervisors report as part of their work; public subscribers count as anonymous.</summary>
    private static bool IsTrustedReporter(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && (context.User.IsInRole(Roles.Field) || context.User.IsInRole(Roles.Operator) || context.User.IsInRole(Roles.Supervisor));

    /// <summary>The caller's address as limits count it (<see cref="ClientPartition"/>).</summary>
    private static string Client(HttpContext context) => ClientPartition.KeyOf(context.Connection.RemoteIpAddress);

    private static RateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static GatewayCeilings Ceilings(HttpContext context) => context.RequestServices.GetRequiredService<GatewayCeilings>();

    private static RateLimitPartition<string> Bucket(string key, TokenBucketLimit limit) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => BucketOptions(limit));

    private static RateLimitPartition<string> UnderCeiling(string key, TokenBucketLimit limit, RateLimiter ceiling) =>
        RateLimitPartition.Get(key, _ => new CeilingRateLimiter(new TokenBucketRateLimiter(BucketOptions(limit)), ceiling));

    // The partitioned limiter replenishes its buckets on one timer of its own: none per bucket.
    private static TokenBucketRateLimiterOptions BucketOptions(TokenBucketLimit limit) => new()
    {
        TokenLimit = limit.Burst,
        TokensPerPeriod = limit.Refill,
        ReplenishmentPeriod = limit.Period,
        AutoReplenishment = false,
        QueueLimit = 0,
    };

    private static async ValueTask WriteProblem(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        await TooManyRequests(http.Response, wait).ExecuteAsync(http);
    }

    /// <summary>
    /// A 429 problem; sets <c>Retry-After</c> on <paramref name="response"/> to <paramref name="wait"/>
    /// in whole seconds (at least 1), and says it in the detail after <paramref name="reason"/>.
    /// </summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan wait, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = reason is null ? $"Try again in {seconds} s." : $"{reason}; try again in {seconds} s.";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: detail, type: TooManyRequestsType);
    }
}
