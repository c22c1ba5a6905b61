using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// One alert's words in one language: the headline, the short form (push body, CAP's
/// <c>CMAMtext</c> for cell broadcast) and the long form (the hub's <c>text</c>, CAP's
/// <c>description</c>, the pages' card). The same for every recipient of a kind and language.
/// </summary>
public sealed record AlertWords(string Headline, string ShortText, string LongText)
{
    /// <summary>
    /// The words for <paramref name="child"/> (ignored on a cancel, which names no one) near the
    /// zone's newest anchor: the place named is the nearest town to it, if one is near.
    /// </summary>
    public static AlertWords For(AlertKind kind, string language, ChildProfile? child, IReadOnlyList<AnchorCircle> anchors, bool exercise)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var shown = kind == AlertKind.Cancel ? null : child;
        var newest = anchors.Count == 0 ? null : anchors.MaxBy(a => a.At);
        var place = shown is null || newest is null ? null : NearestTown.To(new GeoPoint(newest.Lat, newest.Lon))?.NameIn(language);
        var facts = new AlertFacts(kind, shown?.Name, shown?.Age, place, shown?.Description, exercise);
        return new AlertWords(
            AlertWording.Headline(kind, language, shown?.Name, shown?.Age, exercise),
            AlertForms.ShortText(facts, language),
            AlertForms.LongText(facts, language));
    }
}
