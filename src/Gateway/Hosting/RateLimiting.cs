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
                : UnderCeiling(ClientPartition.KeyOf(ctx.Connection.RemoteIpAddress), Limits(ctx).AnonymousSightings, Ceilings(ctx).AnonymousSightings));
            o.AddPolicy(RateLimitPolicies.Subscriptions, ctx =>
                UnderCeiling(ClientPartition.KeyOf(ctx.Connection.RemoteIpAddress), Limits(ctx).Subscriptions, Ceilings(ctx).Subscriptions));
            o.AddPolicy(RateLimitPolicies.TokenRequests, ctx => Bucket(ClientPartition.KeyOf(ctx.Connection.RemoteIpAddress), Limits(ctx).TokenRequests));
            o.AddPolicy(RateLimitPolicies.PartnerFeeds, ctx => Bucket(ClientPartition.KeyOf(ctx.Connection.RemoteIpAddress), Limits(ctx).PartnerFeeds));
            // Authorization has run: a location update always carries a subject.
            o.AddPolicy(RateLimitPolicies.Locations, ctx =>
                Bucket(TokenIssuer.SubjectOf(ctx.User) ?? ClientPartition.KeyOf(ctx.Connection.RemoteIpAddress), Limits(ctx).Locations));
        });
        return builder;
    }

    /// <summary>Field teams, operators and supervisors report as part of their work; public subscribers count as anonymous.</summary>
    private static bool IsTrustedReporter(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && (context.User.IsInRole(Roles.Field) || context.User.IsInRole(Roles.Operator) || context.User.IsInRole(Roles.Supervisor));

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
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        await TooManyRequests(http.Response, seconds, $"Try again in {seconds} s.").ExecuteAsync(http);
    }

    /// <summary>A 429 problem; sets <c>Retry-After</c> (seconds) on <paramref name="response"/>.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, int retryAfterSeconds, string detail)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: detail, type: TooManyRequestsType);
    }
}
