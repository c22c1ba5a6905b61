using System.Globalization;
using System.Threading.RateLimiting;
using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on the anonymous routes (<see cref="RateLimitPolicies"/>), one fixed
/// window per client IP; a rejection is a 429 problem with <c>Retry-After</c>.
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
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteProblem;
            o.AddPolicy(RateLimitPolicies.AnonymousSightings, ctx =>
                IsTrustedReporter(ctx) ? RateLimitPartition.GetNoLimiter(Unlimited) : PerClientIp(ctx, r => r.AnonymousSightings));
            o.AddPolicy(RateLimitPolicies.Subscriptions, ctx => PerClientIp(ctx, r => r.Subscriptions));
            o.AddPolicy(RateLimitPolicies.TokenRequests, ctx => PerClientIp(ctx, r => r.TokenRequests));
        });
        return builder;
    }

    /// <summary>Field teams, operators and supervisors report as part of their work; public subscribers count as anonymous.</summary>
    private static bool IsTrustedReporter(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && (context.User.IsInRole(Roles.Field) || context.User.IsInRole(Roles.Operator) || context.User.IsInRole(Roles.Supervisor));

    private static RateLimitPartition<string> PerClientIp(HttpContext context, Func<RateLimitOptions, int> permits)
    {
        // Behind a reverse proxy, UseForwardedHeaders must run first so this is the client's address.
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = options.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask WriteProblem(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        string? detail = null;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            detail = $"Try again in {seconds} s.";
        }

        await TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: detail, type: TooManyRequestsType)
            .ExecuteAsync(http);
    }

}
