using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Pages;

/// <summary>
/// Security headers on every response of the gateway: the Content-Security-Policy
/// (<see cref="ContentSecurityPolicy"/>), <c>X-Content-Type-Options: nosniff</c>,
/// <c>Referrer-Policy: no-referrer</c> (a page's address never leaves with a tile or photo
/// request), a Permissions-Policy that lets only the pages themselves ask for the position, and
/// HSTS on requests that came over https (not for loopback hosts, as <c>UseHsts</c>).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>A year; the gateway is meant to be reached over https only once it is.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public const string PermissionsPolicy = "geolocation=(self), camera=(), microphone=()";

    public static WebApplicationBuilder AddEarlyWarningSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var pages = sp.GetRequiredService<IOptions<PageOptions>>().Value;
            return new ContentSecurityPolicy(pages.TileUrl, pages.PhotoHosts);
        });
        return builder;
    }

    /// <summary>First in the pipeline: the headers are added as the response starts, so error pages carry them too.</summary>
    public static WebApplication UseEarlyWarningSecurityHeaders(this WebApplication app)
    {
        var policy = app.Services.GetRequiredService<ContentSecurityPolicy>();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Hosting.ApiReference.PagePath, StringComparison.OrdinalIgnoreCase) ? policy.ApiReference : policy.Strict;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                if (context.Request.IsHttps && !IsLoopback(context.Request.Host.Host))
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
}
