namespace EarlyWarning.Domain.Alerts.Texts;

/// <summary>Albanian alert texts.</summary>
internal static class AlbanianTexts
{
    public static IReadOnlyDictionary<string, AlertText> All { get; } = new Dictionary<string, AlertText>(StringComparer.Ordinal)
    {
        ["headline.new"] = new("Fëmijë i zhdukur: {name}[1| ({age})]"),
        ["headline.update"] = new("Përditësim: fëmijë i zhdukur {name}[1| ({age})]"),
        ["headline.cancel"] = new("Alarmi u anulua"),
        ["short.new"] = new("Fëmijë i zhdukur: {name}[2| ({age})][1|, parë së fundi pranë {place}]. E patë? Telefononi 192."),
        ["short.update"] = new("Përditësim, fëmijë i zhdukur: {name}[2| ({age})][1|, tani pranë {place}]. Telefononi 192."),
        ["short.cancel"] = new("Alarmi u anulua: rasti është mbyllur. Faleminderit për ndihmën."),
        ["long.new"] = new("Fëmijë i zhdukur: {name}[3|, {age} vjeç][2|, parë së fundi pranë {place}].[1| {description}.] Ju lutemi jini vigjilentë. Nëse e shihni fëmijën, telefononi 192 ose raportoni në aplikacion."),
        ["long.update"] = new("Përditësim për fëmijën e zhdukur {name}[3|, {age} vjeç]: zona e kërkimit ka ndryshuar[2| dhe tani është pranë {place}].[1| {description}.] Nëse e shihni fëmijën, telefononi 192 ose raportoni në aplikacion."),
        ["long.cancel"] = new("Alarmi u anulua. Rasti është mbyllur dhe kërkimi përfundoi. Faleminderit për ndihmën. Ju lutemi mos e shpërndani më apelin."),
        ["exercise.mark"] = new("USHTRIM"),
        ["exercise.note"] = new("Ky është ushtrim, jo rast i vërtetë."),
    };
}
