using EarlyWarning.Domain.Places;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Pages;

/// <summary>
/// The control room (<c>/</c>), the field page (<c>/field</c>) and the public page (<c>/public</c>):
/// static HTML over scripts bundled from npm at build time (see <c>web/</c>), so nothing is
/// fetched from elsewhere at run time.
/// </summary>
public static class PageEndpoints
{
    public static WebApplicationBuilder AddEarlyWarningPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PageOptions>().BindConfiguration(PageOptions.Section)
            .Validate(o => o.HasValidPublicBaseUrl(), "Pages:PublicBaseUrl must be an absolute http(s) URL without query or fragment, or empty.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Serves <c>wwwroot</c> (the bundles) and the three pages; call before authentication, they need none.</summary>
    public static WebApplication MapPages(this WebApplication app)
    {
        app.UseStaticFiles();
        foreach (var (path, file) in new[] { ("/", "index.html"), ("/field", "field.html"), ("/public", "public.html") })
        {
            app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], () => Page(app, file)).AllowAnonymous().ExcludeFromDescription();
        }

        // The installed apps' service worker, from the root so it may take the /public and /field
        // scopes; never kept by the HTTP cache, so a new build's worker is found at once.
        app.MapMethods("/sw.js", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => ServiceWorker(app, context)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/pages/config", Config).AllowAnonymous().WithTags("Pages");
        return app;
    }

    private static IResult Page(WebApplication app, string file) =>
        Results.File(Path.Combine(app.Environment.WebRootPath, file), "text/html; charset=utf-8");

    private static IResult ServiceWorker(WebApplication app, HttpContext context)
    {
        var file = Path.Combine(app.Environment.WebRootPath, "build", "sw.js");
        if (!File.Exists(file))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The pages were not bundled (see README).");
        }

        context.Response.Headers.CacheControl = "no-cache";
        return Results.File(file, "text/javascript; charset=utf-8");
    }

    /// <summary>The base-map settings and the towns of the offline map.</summary>
    private static PageConfigView Config(IOptions<PageOptions> options) => new(
        options.Value.TileUrl,
        options.Value.TileAttribution,
        [.. NorthMacedonia.Towns.Select(t => new TownView(t.Name, t.Centre.Lat, t.Centre.Lon, t.Population))]);
}
