namespace EarlyWarning.Domain.Alerts.Texts;

/// <summary>
/// Romani alert texts: Balkan (Arli) Romani in the Latin script used in North Macedonia. Written
/// without a native speaker, so every one is marked <see cref="AlertText.NeedsReview"/> until a
/// Romani-speaking reviewer (e.g. from a Roma NGO or the public broadcaster's Romani desk) has
/// checked it; then clear the flag text by text.
/// </summary>
internal static class RomaniTexts
{
    public static IReadOnlyDictionary<string, AlertText> All { get; } = new Dictionary<string, AlertText>(StringComparer.Ordinal)
    {
        ["headline.new"] = Review("Našardo čhavo: {name}[1| ({age})]"),
        ["headline.update"] = Review("Nevipe: našardo čhavo {name}[1| ({age})]"),
        ["headline.cancel"] = Review("O alarmo si ačhavdo"),
        ["short.new"] = Review("Našardo čhavo: {name}[2| ({age})][1|, palutno dikhlo paše {place}]. Dikhljen le? Akharen 192."),
        ["short.update"] = Review("Nevipe, našardo čhavo: {name}[2| ({age})][1|, akana paše {place}]. Akharen 192."),
        ["short.cancel"] = Review("O alarmo si ačhavdo: o slučaj si phandlo. Najis tumenge baši o ažutipe."),
        ["long.new"] = Review("Našardo čhavo: {name}[3|, {age} berš][2|, palutno drom dikhlo paše {place}].[1| {description}.] Mangas tumendar te oven pe jakha. Te dikhen e čhave, akharen 192 ili phenen ani aplikacija."),
        ["long.update"] = Review("Nevipe baši o našardo čhavo {name}[3|, {age} berš]: i zona kaj rodelpe o čhavo parudili[2| thaj akana si paše {place}].[1| {description}.] Te dikhen e čhave, akharen 192 ili phenen ani aplikacija."),
        ["long.cancel"] = Review("O alarmo si ačhavdo. O slučaj si phandlo thaj o rodipe agorisalo. Najis tumenge baši o ažutipe. Mangas tumendar te na ulaven majbut akava apelo."),
        ["exercise.mark"] = Review("VEŽBA"),
        ["exercise.note"] = Review("Akava si vežba, na si čačutno slučaj."),
    };

    private static AlertText Review(string template) => new(template, NeedsReview: true);
}
