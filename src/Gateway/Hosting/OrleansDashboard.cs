using System.Globalization;
using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Orleans.Dashboard;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// The Orleans Dashboard (silos, grains, calls, reminders) at <c>/dashboard/</c>, for supervisors
/// only. The silos collect its figures (<c>AddDashboard</c> on every silo); the gateway serves
/// the page and its API behind the same bearer validation as the rest of the API, so no silo
/// needs a web port of its own. <c>Dashboard:Enabled=false</c> leaves it out (and its per-call profiler).
/// </summary>
public static class OrleansDashboard
{
    public const string Path = "/dashboard";

    /// <summary>
    /// Where a browser keeps the supervisor's token for the dashboard's own requests, which carry
    /// no bearer header: HttpOnly, SameSite=Strict, sent to <see cref="Path"/> only, read only there.
    /// </summary>
    public const string CookieName = "ew-dashboard";

    /// <summary>Whether the dashboard is on (default yes).</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Dashboard:Enabled", true);

    /// <summary>What the dashboard shows: no live log stream (logs may name cases and accounts).</summary>
    public static void Configure(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.HideTrace = true;
    }

    /// <summary>The dashboard cookie's token, for a dashboard request that carries no Authorization header.</summary>
    public static string? CookieToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments(Path) && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && request.Cookies.TryGetValue(CookieName, out var token) && token.Length > 0
            ? token
            : null;
    }

    public static WebApplication MapEarlyWarningDashboard(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        app.MapOrleansDashboard(Path).RequireAuthorization(Policies.Supervisor).ExcludeFromDescription()
            .AddEndpointFilter(RequireSiloAddress);

        // The control room's "Cluster" link: the bearer token it sent becomes the dashboard's cookie,
        // until the token expires; DELETE forgets it (signing out).
        app.MapPost($"{Path}/session", StartSession).RequireAuthorization(Policies.Supervisor).ExcludeFromDescription();
        app.MapDelete($"{Path}/session", EndSession).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    // The silo routes (SiloProperties/{address}, HistoricalStats/{path}, …) key a grain by the
    // address: one that does not parse failed that grain's activation and answered 500.
    private static async ValueTask<object?> RequireSiloAddress(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var name in (string[])["address", "path"])
        {
            if (context.HttpContext.Request.RouteValues.TryGetValue(name, out var value) && value is string address && !IsSiloAddress(address))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such silo.",
                    detail: "Silo routes take a silo address as the dashboard lists them (ip:port@generation).");
            }
        }

        return await next(context);
    }

    private static bool IsSiloAddress(string value)
    {
        try
        {
            _ = Orleans.Runtime.SiloAddress.FromParsableString(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Results<NoContent, ProblemHttpResult> StartSession(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)
            || !long.TryParse(http.User.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send the supervisor's token as a bearer header.");
        }

        http.Response.Cookies.Append(CookieName, header["Bearer ".Length..].Trim(), Cookie(http, DateTimeOffset.FromUnixTimeSeconds(expires)));
        return TypedResults.NoContent();
    }

    private static NoContent EndSession(HttpContext http)
    {
        http.Response.Cookies.Delete(CookieName, Cookie(http, null));
        return TypedResults.NoContent();
    }

    private static CookieOptions Cookie(HttpContext http, DateTimeOffset? expires) => new()
    {
        Path = Path,
        HttpOnly = true,
        SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Expires = expires,
    };
}
