using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.CasePages;

/// <summary>
/// A public case's own page (<c>/c/{id}</c>), the link people share, and the JSON its script reads
/// (<c>GET /api/public/cases/{id}</c>). Both read the case at each request and are never cached
/// (<c>no-store</c>), so a resolve takes the child off them at the next read; an internal case is
/// answered exactly as an unknown one.
/// </summary>
public static class CasePageEndpoints
{
    private const string NoStore = "no-store";

    public static IEndpointRouteBuilder MapCasePages(this IEndpointRouteBuilder app)
    {
        // Anonymous reads, limited per address as the partner feeds are.
        app.MapMethods("/c/{id}", [HttpMethods.Get, HttpMethods.Head], Page)
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.PartnerFeeds).ExcludeFromDescription();
        app.MapGroup("/api/public/cases").WithTags("Public cases").AllowAnonymous().RequireWellFormedIds()
            .RequireRateLimiting(RateLimitPolicies.PartnerFeeds)
            .MapGet("/{id}", Get);
        return app;
    }

    public static async Task<ContentHttpResult> Page(string id, HttpContext http, IGrainFactory grains, IOptions<PageOptions> pages)
    {
        var texts = PageTexts.For(http.Request);
        http.Response.Headers.CacheControl = NoStore;
        http.Response.Headers.Vary = "Accept-Language";
        // A malformed id is no case either, and gets the same page (the id is not echoed).
        var view = CaseId.IsValid(id) ? await PublicCases.Read(grains, id) : null;
        return view is null
            ? TypedResults.Content(CasePageHtml.NotFound(texts), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Content(CasePageHtml.Render(view, texts, CasePageUrls.BaseUrl(pages.Value, http.Request)), "text/html; charset=utf-8");
    }

    public static async Task<Results<Ok<PublicCaseView>, ProblemHttpResult>> Get(string id, HttpResponse response, IGrainFactory grains)
    {
        response.Headers.CacheControl = NoStore;
        return await PublicCases.Read(grains, id) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No public case has this id.");
    }
}
