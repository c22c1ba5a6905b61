using System.Xml.Linq;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Photos;
using EarlyWarning.Grains.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EarlyWarning.Gateway.Cap;

/// <summary>The partner feeds: an Atom feed of public, active cases, each linking to its CAP 1.2 message.</summary>
public static class CapEndpoints
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static RouteGroupBuilder MapCap(this IEndpointRouteBuilder app)
    {
        var cap = app.MapGroup("/api/cap").WithTags("Partner feeds").AllowAnonymous().RequireWellFormedIds().RequireRateLimiting(RateLimitPolicies.PartnerFeeds);
        cap.MapGet("/alerts.atom", Feed).CacheOutput(CapCache.Feed);
        cap.MapGet("/{caseId}", Message).CacheOutput(CapCache.Message);
        return cap;
    }

    public static async Task<ContentHttpResult> Feed(HttpRequest request, IGrainFactory grains)
    {
        var cases = (await grains.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active)).Where(c => c.Level == CaseLevel.Public);
        var entries = await Task.WhenAll(cases.Select(async c =>
        {
            var timeline = await grains.GetGrain<ICaseGrain>(c.Id).GetTimeline();
            return (Summary: c, Updated: timeline.Length > 0 ? timeline[^1].At : c.CreatedAt);
        }));
        var baseUrl = $"{request.Scheme}://{request.Host}";
        var updated = entries.Length > 0 ? entries.Max(e => e.Updated) : DateTimeOffset.UnixEpoch;
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", "urn:earlywarning:feed"),
            new XElement(Atom + "title", "EarlyWarning: missing children, public alerts"),
            new XElement(Atom + "updated", updated.ToUniversalTime().ToString("O")),
            new XElement(Atom + "author", new XElement(Atom + "name", CapMessage.Sender)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{baseUrl}/api/cap/alerts.atom")),
            entries.OrderByDescending(e => e.Updated).Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", CapMessage.AlertIdentifier(e.Summary.Id)),
                new XElement(Atom + "title", AlertWording.Headline(AlertKind.New, AlertLanguage.English, e.Summary.ChildName, null, e.Summary.Exercise)),
                new XElement(Atom + "updated", e.Updated.ToUniversalTime().ToString("O")),
                new XElement(Atom + "link",
                    new XAttribute("rel", "alternate"),
                    new XAttribute("type", CapMessage.ContentType),
                    new XAttribute("href", $"{baseUrl}/api/cap/{e.Summary.Id}")))));
        return Xml(new XDocument(new XDeclaration("1.0", "utf-8", null), feed), "application/atom+xml");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Message(string caseId, HttpRequest request, IGrainFactory grains, IPhotoStore photos)
    {
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        var snapshot = await grain.GetCase();
        var timeline = snapshot is null ? [] : await grain.GetTimeline();

        // Internal cases do not exist as far as partners can tell.
        if (snapshot is null || CapMessage.PublicSince(timeline) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No public alert has this id.");
        }

        return Xml(CapMessage.Build(snapshot, timeline, await PhotoResource(snapshot, request, photos)), CapMessage.ContentType);
    }

    /// <summary>The hosted photo of an active case as a CAP resource, with an absolute URI; null for none (or an outside URL).</summary>
    private static async Task<CapResource?> PhotoResource(CaseSnapshot snapshot, HttpRequest request, IPhotoStore photos)
    {
        if (snapshot.Status != CaseStatus.Active || PhotoUrls.IdOf(snapshot.Child.PhotoUrl) is not { } photoId
            || await photos.Describe(photoId) is not { } info)
        {
            return null;
        }

        return new CapResource("Photo of the missing child", info.ContentType, info.Size, $"{request.Scheme}://{request.Host}{PhotoUrls.For(photoId)}", info.Sha1);
    }

    private static ContentHttpResult Xml(XDocument document, string contentType) =>
        TypedResults.Text(document.Declaration + Environment.NewLine + document.Root, contentType, System.Text.Encoding.UTF8);
}
