using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.CasePages;

/// <summary>
/// A case's public page as HTML, rendered on the server because link previews (Open Graph,
/// Twitter cards) come from crawlers that run no script. Every value is HTML-encoded where it is
/// written, in text and attributes alike: a child's name is typed by people. No inline script or
/// style: the page's bundle (<c>/build/case.js</c>) draws the map and sends the sighting form.
/// </summary>
public static class CasePageHtml
{
    // Encodes markup characters and quotes, but keeps Cyrillic and Albanian letters readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page of a public case; after resolve it names no child and shows no photo, place or zone.</summary>
    public static string Render(PublicCaseView c, PageTexts t, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(t);
        var pageUrl = baseUrl + CasePageUrls.PathFor(c.Id);
        var mark = c.Exercise ? AlertWording.ExerciseMark(t.Language) + ": " : "";
        var (title, description, image) = c.Child is { } child
            ? (mark + t["appealTitle", ("name", child.Name), ("age", Num(child.Age))],
               $"{child.Description} {LastSeen(c.LastSeen!, t)}. {t["callHint"]}",
               child.PhotoUrl is { } photo ? CasePageUrls.Absolute(baseUrl, photo) : null)
            : (mark + t["appealClosed"], Closed(c, t), null);
        image ??= baseUrl + "/build/icons/icon-512.png";

        var html = new StringBuilder(4096);
        html.Append("<!doctype html>\n<html lang=\"").Append(E(t.Language)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n");
        Meta(html, "name", "description", description);
        if (c.Child is null)
        {
            Meta(html, "name", "robots", "noindex");
        }

        Meta(html, "property", "og:type", "website");
        Meta(html, "property", "og:site_name", t["title"]);
        Meta(html, "property", "og:title", title);
        Meta(html, "property", "og:description", description);
        Meta(html, "property", "og:url", pageUrl);
        Meta(html, "property", "og:image", image);
        Meta(html, "name", "twitter:card", "summary_large_image");
        Meta(html, "name", "twitter:title", title);
        Meta(html, "name", "twitter:description", description);
        Meta(html, "name", "twitter:image", image);
        html.Append("<link rel=\"canonical\" href=\"").Append(E(pageUrl)).Append("\">\n")
            .Append("<meta name=\"theme-color\" content=\"#c0392b\">\n")
            .Append("<link rel=\"icon\" href=\"/build/icons/icon-192.png\" type=\"image/png\">\n")
            .Append("<link rel=\"stylesheet\" href=\"/build/case.css\">\n")
            .Append("<script type=\"module\" src=\"/build/case.js\"></script>\n</head>\n")
            .Append("<body class=\"phone case-page\" data-case-id=\"").Append(E(c.Id)).Append("\" data-status=\"")
            .Append(c.Child is null ? "closed" : "active").Append("\">\n<main id=\"app\">\n");
        Header(html, t, c.Id);
        if (c.Exercise)
        {
            html.Append("<p class=\"exercise-mark\">").Append(E(t["exercise"])).Append("</p>\n");
        }

        if (c.Child is { } shown)
        {
            Appeal(html, shown, c.LastSeen!, t);
        }
        else
        {
            html.Append("<section class=\"card closed\">\n<h1>").Append(E(t["appealClosed"])).Append("</h1>\n<p id=\"outcome\">")
                .Append(E(Closed(c, t))).Append("</p>\n</section>\n");
        }

        html.Append("<p><a href=\"/public\">").Append(E(t["seeAlerts"])).Append("</a></p>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The same page for an unknown and an internal case alike, so it tells nothing of either.</summary>
    public static string NotFound(PageTexts t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var html = new StringBuilder(1024);
        html.Append("<!doctype html>\n<html lang=\"").Append(E(t.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n")
            .Append("<title>").Append(E(t["title"])).Append("</title>\n<link rel=\"stylesheet\" href=\"/build/case.css\">\n</head>\n")
            .Append("<body class=\"phone case-page\">\n<main id=\"app\">\n<section class=\"card\">\n<h1>").Append(E(t["caseNotFound"]))
            .Append("</h1>\n<p><a href=\"/public\">").Append(E(t["seeAlerts"])).Append("</a></p>\n</section>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, PageTexts t, string caseId)
    {
        html.Append("<header class=\"bar\"><strong>").Append(E(t["title"])).Append("</strong>\n<nav class=\"languages\">");
        foreach (var language in PageTexts.Languages)
        {
            html.Append(" <a lang=\"").Append(E(language)).Append("\" href=\"").Append(E($"{CasePageUrls.PathFor(caseId)}?lang={language}")).Append('"')
                .Append(language == t.Language ? " aria-current=\"page\"" : "").Append('>').Append(E(language.ToUpperInvariant())).Append("</a>");
        }

        html.Append("</nav></header>\n");
    }

    private static void Appeal(StringBuilder html, PublicChildView child, PublicLastSeenView lastSeen, PageTexts t)
    {
        html.Append("<article class=\"card appeal\">\n");
        if (child.PhotoUrl is { } photo)
        {
            html.Append("<img id=\"child-photo\" class=\"child-photo\" src=\"").Append(E(photo)).Append("\" alt=\"").Append(E(child.Name))
                .Append("\" referrerpolicy=\"no-referrer\">\n");
        }

        html.Append("<h1 id=\"child-name\">").Append(E(child.Name)).Append("</h1>\n")
            .Append("<p id=\"child-age\">").Append(E(t["age", ("age", Num(child.Age))])).Append("</p>\n")
            .Append("<p id=\"child-description\">").Append(E(child.Description)).Append("</p>\n")
            .Append("<p id=\"last-seen\">").Append(E(t["lastSeen", ("time", "")].TrimEnd())).Append(" <time datetime=\"")
            .Append(E(lastSeen.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))).Append("\">").Append(E(Time(lastSeen.At))).Append("</time>")
            .Append(E(Place(lastSeen, t) is { } place ? ", " + place : "")).Append("</p>\n</article>\n")
            .Append("<h2>").Append(E(t["zoneTitle"])).Append("</h2>\n<div id=\"map\" class=\"map phone-map\"></div>\n")
            .Append("<section class=\"card calls\">\n<p>").Append(E(t["callHint"])).Append("</p>\n")
            .Append("<a class=\"call\" href=\"tel:192\">").Append(E(t["callPolice"])).Append("</a>\n")
            .Append("<a class=\"call\" href=\"tel:116000\">").Append(E(t["call116"])).Append("</a>\n</section>\n");
        SightingForm(html, child, t);
    }

    // The public page's form (same fields, same names), sent by shared/sightingForm.js.
    private static void SightingForm(StringBuilder html, PublicChildView child, PageTexts t) =>
        html.Append("<form id=\"sighting-form\" class=\"card\">\n<h2><span>").Append(E(t["report"])).Append("</span>: <span data-case>")
            .Append(E(child.Name)).Append("</span></h2>\n<p class=\"hint\">").Append(E(t["caseReportHint"])).Append("</p>\n")
            .Append("<button id=\"locate\" type=\"button\" class=\"secondary\" disabled data-wired>").Append(E(t["useMyLocation"])).Append("</button>\n")
            .Append("<label><span>").Append(E(t["description"])).Append("</span> <textarea name=\"description\" rows=\"2\" required maxlength=\"2000\"></textarea></label>\n")
            .Append("<label><span>").Append(E(t["contact"])).Append("</span> <input name=\"reporterContact\" type=\"tel\" maxlength=\"200\"></label>\n")
            .Append("<button type=\"submit\" disabled data-wired>").Append(E(t["send"])).Append("</button>\n")
            .Append("<p class=\"problem\" hidden></p>\n<p class=\"done card\" hidden></p>\n</form>\n");

    private static string Closed(PublicCaseView c, PageTexts t) =>
        t[c.Outcome == CaseOutcome.Found ? "closedFound" : "closedWithdrawn"];

    private static string LastSeen(PublicLastSeenView lastSeen, PageTexts t) =>
        t["lastSeen", ("time", Time(lastSeen.At))] + (Place(lastSeen, t) is { } place ? ", " + place : "");

    private static string? Place(PublicLastSeenView lastSeen, PageTexts t) => lastSeen switch
    {
        { Town: { } town, DistanceKm: < 2 } => t["lastSeenIn", ("town", town)],
        { Town: { } town, DistanceKm: { } km } => t["lastSeenNear", ("town", town), ("distance", Num((int)Math.Round(km)))],
        _ => null,
    };

    // UTC on the server; the page's script shows it in the reader's own time zone.
    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string E(string value) => Encoder.Encode(value);

    private static void Meta(StringBuilder html, string attribute, string name, string content) =>
        html.Append("<meta ").Append(attribute).Append("=\"").Append(E(name)).Append("\" content=\"").Append(E(content)).Append("\">\n");
}
