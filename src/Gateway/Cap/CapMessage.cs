using System.Globalization;
using System.Xml.Linq;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// The OASIS CAP 1.2 message of a public case at its current version: <c>Alert</c> when it has
/// just become public, <c>Update</c> (referencing the Alert) after any change, <c>Cancel</c> once
/// resolved. One <c>info</c> per language; one <c>circle</c> per live anchor. An exercise has
/// <c>status</c> Exercise (never Actual) and the exercise mark in every headline and description.
/// Every <c>info</c> carries <c>expires</c> (<see cref="CapOptions"/>) and <c>web</c>, the case's public page.
/// </summary>
public static class CapMessage
{
    public const string ContentType = "application/cap+xml";
    public const string Sender = "earlywarning";

    /// <summary>The <c>parameter</c> holding the short form (≤ 90 characters), for cell broadcast.</summary>
    public const string ShortTextParameter = "CMAMtext";

    /// <summary>The <c>parameter</c> holding the long form (≤ 360 characters), the same as <c>description</c>.</summary>
    public const string LongTextParameter = "CMAMlongtext";

    public static readonly XNamespace Ns = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>When the case became public, or null if it never did (then it has no CAP message).</summary>
    public static DateTimeOffset? PublicSince(IEnumerable<TimelineEntry> timeline) =>
        timeline.FirstOrDefault(e => e.Kind == "escalated" || (e.Kind == "opened" && e.Data.GetValueOrDefault("level") == "public"))?.At;

    /// <summary>
    /// The message's <c>sent</c>: when the case last changed in a way partners see
    /// (<see cref="CaseSnapshot.PublicChangedAt"/>). A tip, a rejected sighting, a request to
    /// publish or a new category is not such a change, and neither is a border crossing or
    /// retention; the message, identifier and time alike, stays as it was.
    /// </summary>
    public static DateTimeOffset Sent(CaseSnapshot c, IEnumerable<TimelineEntry> timeline)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.PublicChangedAt ?? LastChange(timeline);
    }

    /// <summary>The version the message's identifier carries: that of the change <see cref="Sent"/> dates.</summary>
    public static long MessageVersion(CaseSnapshot c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.PublicVersion > 0 ? c.PublicVersion : c.Version;
    }

    /// <summary>
    /// For a case stored before <see cref="CaseSnapshot.PublicChangedAt"/> was kept: the time of its
    /// last timeline entry that is not bookkeeping. A resolve's cancel bookkeeping
    /// (cancels-pending, -completed) is not one: the Cancel keeps the time of the resolve, as its
    /// identifier keeps the version. Nor is a border crossing: it changes who is told, not what
    /// (a case opened near a border would otherwise start with an Update, and a partner across it
    /// would never see the Alert). Nor is retention erasing a resolved case's data (contacts-purged,
    /// purged): the Cancel would come back, a week and a month later, with a fresh expiry.
    /// </summary>
    public static DateTimeOffset LastChange(IEnumerable<TimelineEntry> timeline) =>
        timeline.Last(e => !e.Kind.StartsWith("cancels-", StringComparison.Ordinal) && e.Kind is not ("border-crossed" or "contacts-purged" or "purged")).At;

    /// <summary>When the case's current message expires: its <c>sent</c> + <see cref="CapOptions.Expiry"/>, or for a Cancel (a resolved case) + <see cref="CapOptions.CancelRetention"/>.</summary>
    public static DateTimeOffset Expires(CaseSnapshot c, IEnumerable<TimelineEntry> timeline, CapOptions options)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(options);
        return Sent(c, timeline) + (c.Status == CaseStatus.Resolved ? options.CancelRetention : options.Expiry);
    }

    /// <summary>
    /// The message; <paramref name="web"/> is the case's public page (absolute); <paramref name="photo"/>,
    /// when the case has a hosted photo, becomes each info's <c>resource</c> (never on a Cancel).
    /// <c>expires</c>: <c>sent</c> + <see cref="CapOptions.Expiry"/>, or for a Cancel + <see cref="CapOptions.CancelRetention"/>.
    /// </summary>
    public static XDocument Build(CaseSnapshot c, IReadOnlyList<TimelineEntry> timeline, CapOptions options, string web, CapResource? photo = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(options);
        var publicSince = PublicSince(timeline) ?? throw new InvalidOperationException($"Case {c.Id} was never public.");
        var sent = Sent(c, timeline);
        var kind = c.Status == CaseStatus.Resolved ? AlertKind.Cancel : sent <= publicSince ? AlertKind.New : AlertKind.Update;
        var alertId = AlertIdentifier(c.Id);

        var alert = new XElement(Ns + "alert",
            new XElement(Ns + "identifier", kind == AlertKind.New ? alertId : $"{alertId}:v{MessageVersion(c).ToString(CultureInfo.InvariantCulture)}"),
            new XElement(Ns + "sender", Sender),
            new XElement(Ns + "sent", CapTime(sent)),
            new XElement(Ns + "status", c.Exercise ? "Exercise" : "Actual"),
            new XElement(Ns + "msgType", kind switch { AlertKind.New => "Alert", AlertKind.Update => "Update", _ => "Cancel" }),
            new XElement(Ns + "scope", "Public"));
        if (kind != AlertKind.New)
        {
            alert.Add(new XElement(Ns + "references", $"{Sender},{alertId},{CapTime(publicSince)}"));
        }

        var expires = Expires(c, timeline, options);
        foreach (var language in AlertLanguage.All)
        {
            alert.Add(Info(c, kind, language, new InfoLinks(expires, web, photo)));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), alert);
    }

    /// <summary>The message as served: the XML declaration, a line break, the document.</summary>
    public static string ToText(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Declaration + Environment.NewLine + document.Root;
    }

    /// <summary>A copy of <paramref name="message"/> with only the <c>info</c> blocks in <paramref name="languages"/> (a partner's).</summary>
    public static XDocument ForLanguages(XDocument message, IReadOnlyCollection<string> languages)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(languages);
        var copy = new XDocument(message);
        copy.Root!.Elements(Ns + "info").Where(i => !languages.Contains((string?)i.Element(Ns + "language") ?? "")).Remove();
        return copy;
    }

    /// <summary>The identifier of a case's first (Alert) message; updates and the cancel append their version.</summary>
    public static string AlertIdentifier(string caseId) => $"urn:earlywarning:{caseId}";

    /// <summary>CAP's dateTime: seconds, and an explicit offset rather than <c>Z</c>.</summary>
    public static string CapTime(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The zone as its version was pushed, not as grown to this moment: two renders of one message
    /// (the feed's, a webhook's) must be the same bytes, and partners hear of growth as an Update.
    /// </summary>
    private static AnchorCircle[] Circles(CaseSnapshot c) => c.PublishedAnchors ?? c.Zone.Anchors;

    private static XElement Parameter(string name, string value) =>
        new(Ns + "parameter", new XElement(Ns + "valueName", name), new XElement(Ns + "value", value));

    private static XElement Info(CaseSnapshot c, AlertKind kind, string language, InfoLinks links)
    {
        // A cancel names no child: a resolved case leaves every public payload.
        var named = kind != AlertKind.Cancel;
        var words = AlertWords.For(kind, language, c.Child, Circles(c), c.Exercise);
        var info = new XElement(Ns + "info",
            new XElement(Ns + "language", language),
            new XElement(Ns + "category", "Rescue"),
            new XElement(Ns + "event", "Missing child"),
            new XElement(Ns + "responseType", kind == AlertKind.Cancel ? "AllClear" : "Monitor"),
            new XElement(Ns + "urgency", kind == AlertKind.Cancel ? "Past" : "Immediate"),
            new XElement(Ns + "severity", kind == AlertKind.Cancel ? "Minor" : "Severe"),
            new XElement(Ns + "certainty", kind == AlertKind.Cancel ? "Observed" : "Likely"),
            new XElement(Ns + "expires", CapTime(links.Expires)),
            new XElement(Ns + "headline", words.Headline),
            new XElement(Ns + "description", words.LongText),
            // The page itself says "found" and shows no child once the case is resolved.
            new XElement(Ns + "web", links.Web),
            // The forms a cell-broadcast gateway sends as they are (IPAWS CAP profile's names for them).
            Parameter(ShortTextParameter, words.ShortText),
            Parameter(LongTextParameter, words.LongText));
        if (named)
        {
            info.Add(Parameter("travelMode", c.TravelMode.ToString().ToLowerInvariant()));
        }

        // The schema's order: parameter, resource, area.
        if (named && links.Photo is { } photo)
        {
            info.Add(new XElement(Ns + "resource",
                new XElement(Ns + "resourceDesc", photo.Description),
                new XElement(Ns + "mimeType", photo.MimeType),
                new XElement(Ns + "size", photo.Size.ToString(CultureInfo.InvariantCulture)),
                new XElement(Ns + "uri", photo.Uri),
                new XElement(Ns + "digest", photo.Sha1)));
        }

        var area = new XElement(Ns + "area", new XElement(Ns + "areaDesc", "Search zone"));

        // A Cancel draws no circle: their centres are where the child was last seen, which a
        // resolved case leaves every public payload (and the zone would go on growing under one identifier).
        foreach (var anchor in named ? Circles(c) : [])
        {
            area.Add(new XElement(Ns + "circle", string.Create(CultureInfo.InvariantCulture, $"{anchor.Lat:0.#####},{anchor.Lon:0.#####} {anchor.RadiusKm:0.###}")));
        }

        info.Add(area);
        return info;
    }

    private sealed record InfoLinks(DateTimeOffset Expires, string Web, CapResource? Photo);
}
