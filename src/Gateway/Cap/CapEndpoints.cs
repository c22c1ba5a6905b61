using System.Xml.Linq;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.CasePages;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Pages;
using EarlyWarning.Gateway.Photos;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// The partner feeds: an Atom feed of public cases, each linking to its CAP 1.2 message — active
/// ones, and a resolved one's Cancel for <see cref="CapOptions.CancelRetention"/> (an entry that
/// names no child); <c>?country=</c> narrows it to the cases whose zone has reached that country.
/// </summary>
public static class CapEndpoints
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static RouteGroupBuilder MapCap(this IEndpointRouteBuilder app)
    {
        var cap = app.MapGroup("/api/cap").WithTags("Partner feeds").AllowAnonymous().RequireWellFormedIds().RequireRateLimiting(RateLimitPolicies.PartnerFeeds);
        // A cache between here and the partners (a CDN's default time to live when none is said) must
        // ask again each time: a resolved child's name and circles must not outlive the resolve
        // there. The gateway's own output cache, dropped at the resolve, takes the load.
        cap.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-cache";
            return await next(context);
        });
        cap.MapGet("/alerts.atom", Feed).CacheOutput(CapCache.Feed);
        cap.MapGet("/{caseId}", Message).CacheOutput(CapCache.Message);
        return cap;
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem>> Feed(
        HttpContext context, IGrainFactory grains, IOptions<PageOptions> pages)
    {
        var request = context.Request;
        var country = CapFeedCases.Country(request);
        if (request.Query.ContainsKey("country") && !Countries.IsKnown(country))
        {
            return TypedResults.ValidationProblem(new ValidationErrors()
                .Add("country", $"'country' must be one of {string.Join(", ", Countries.Codes)}.").ToDictionary());
        }

        var cases = await CapFeedCases.ForRequest(context);
        var entries = await Task.WhenAll(cases.Select(async c =>
        {
            // Updated when its message is (CapMessage.Sent), not at every tip or bookkeeping entry.
            var grain = grains.GetGrain<ICaseGrain>(c.Id);
            if (await grain.PublicChangedAt() is { } sent)
            {
                return (Summary: c, Updated: sent);
            }

            var timeline = await grain.GetTimeline();
            return (Summary: c, Updated: timeline.Length > 0 ? CapMessage.LastChange(timeline) : c.CreatedAt);
        }));
        var baseUrl = $"{request.Scheme}://{request.Host}";
        var updated = entries.Length > 0 ? entries.Max(e => e.Updated) : DateTimeOffset.UnixEpoch;
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", "urn:earlywarning:feed"),
            new XElement(Atom + "title", "EarlyWarning: missing children, public alerts"),
            new XElement(Atom + "updated", updated.ToUniversalTime().ToString("O")),
            new XElement(Atom + "author", new XElement(Atom + "name", CapMessage.Sender)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{baseUrl}/api/cap/alerts.atom{(country is null ? "" : $"?country={country}")}")),
            entries.OrderByDescending(e => e.Updated).Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", CapMessage.AlertIdentifier(e.Summary.Id)),
                new XElement(Atom + "title", Title(e.Summary)),
                new XElement(Atom + "updated", e.Updated.ToUniversalTime().ToString("O")),
                new XElement(Atom + "link",
                    new XAttribute("rel", "alternate"),
                    new XAttribute("type", CapMessage.ContentType),
                    new XAttribute("href", $"{baseUrl}/api/cap/{e.Summary.Id}")),
                new XElement(Atom + "link",
                    new XAttribute("rel", "related"),
                    new XAttribute("type", "text/html"),
                    new XAttribute("href", CasePageUrls.For(pages.Value, request, e.Summary.Id))))));
        return Xml(new XDocument(new XDeclaration("1.0", "utf-8", null), feed), "application/atom+xml");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Message(
        string caseId, HttpRequest request, IGrainFactory grains, IPhotoStore photos, IOptions<PageOptions> pages, IOptions<CapOptions> options,
        [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var rendered = await CapRendering.Current(
            caseId, grains, photos, options.Value, CasePageUrls.BaseUrl(pages.Value, request), $"{request.Scheme}://{request.Host}");

        // Internal cases do not exist as far as partners can tell; nor does a Cancel past its
        // expiry (it keeps the circles of where the child was sought, long after it mattered).
        return rendered is null || (rendered.Case.Status == CaseStatus.Resolved && rendered.Expires <= clock.GetUtcNow())
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No public alert has this id.")
            : Xml(rendered.Message, CapMessage.ContentType);
    }

    /// <summary>An entry's title: the alert's headline, or once resolved the cancel's, which names no child.</summary>
    private static string Title(CaseSummary c) => c.Status == CaseStatus.Resolved
        ? AlertWording.Headline(AlertKind.Cancel, AlertLanguage.English, null, null, c.Exercise)
        : AlertWording.Headline(AlertKind.New, AlertLanguage.English, c.ChildName, null, c.Exercise);

    private static ContentHttpResult Xml(XDocument document, string contentType) =>
        TypedResults.Text(CapMessage.ToText(document), contentType, System.Text.Encoding.UTF8);
}
