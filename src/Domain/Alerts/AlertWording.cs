using System.Globalization;

namespace EarlyWarning.Domain.Alerts;

/// <summary>Headline and text of an alert in the subscriber's language.</summary>
public static class AlertWording
{
    /// <summary>
    /// Words an alert. The child's name is only passed for <see cref="AlertKind.New"/> and
    /// <see cref="AlertKind.Update"/>: a cancel carries no personal data.
    /// </summary>
    public static (string Headline, string Text) For(AlertKind kind, string language, string? childName, int? childAge) =>
        For(kind, language, childName, childAge, exercise: false);

    /// <summary>
    /// Words an alert; for an <paramref name="exercise"/> the headline and the text both begin with
    /// the exercise mark in the recipient's language (see <see cref="ExerciseMark"/>), so a drill is
    /// never read as a real case, wherever only one of the two is shown.
    /// </summary>
    public static (string Headline, string Text) For(AlertKind kind, string language, string? childName, int? childAge, bool exercise)
    {
        var (headline, text) = Words(kind, language, childName, childAge);
        if (!exercise)
        {
            return (headline, text);
        }

        var mark = ExerciseMark(language);
        return ($"{mark}: {headline}", $"{mark}. {ExerciseNote(language)} {text}");
    }

    /// <summary>"ВЕЖБА", "USHTRIM" or "EXERCISE": the mark of an exercise in <paramref name="language"/> (English when unknown).</summary>
    public static string ExerciseMark(string language) => language switch
    {
        AlertLanguage.Macedonian => "ВЕЖБА",
        AlertLanguage.Albanian => "USHTRIM",
        _ => "EXERCISE",
    };

    private static string ExerciseNote(string language) => language switch
    {
        AlertLanguage.Macedonian => "Ова е вежба, не вистински случај.",
        AlertLanguage.Albanian => "Ky është ushtrim, jo rast i vërtetë.",
        _ => "This is an exercise, not a real case.",
    };

    private static (string Headline, string Text) Words(AlertKind kind, string language, string? childName, int? childAge)
    {
        var who = childName is null
            ? string.Empty
            : childAge is { } age ? string.Create(CultureInfo.InvariantCulture, $"{childName} ({age})") : childName;
        return (language, kind) switch
        {
            (AlertLanguage.Macedonian, AlertKind.New) => ($"Исчезнато дете: {who}", "Ве молиме внимавајте. Ако го видите детето, јавете се на 192 или пријавете во апликацијата."),
            (AlertLanguage.Macedonian, AlertKind.Update) => ($"Ажурирање: исчезнато дете {who}", "Зоната на пребарување е променета. Ако го видите детето, јавете се на 192."),
            (AlertLanguage.Macedonian, AlertKind.Cancel) => ("Предупредувањето е повлечено", "Случајот е затворен. Ви благодариме за помошта."),
            (AlertLanguage.Albanian, AlertKind.New) => ($"Fëmijë i zhdukur: {who}", "Ju lutemi jini vigjilentë. Nëse e shihni fëmijën, telefononi 192 ose raportoni në aplikacion."),
            (AlertLanguage.Albanian, AlertKind.Update) => ($"Përditësim: fëmijë i zhdukur {who}", "Zona e kërkimit ka ndryshuar. Nëse e shihni fëmijën, telefononi 192."),
            (AlertLanguage.Albanian, AlertKind.Cancel) => ("Alarmi u anulua", "Rasti është mbyllur. Faleminderit për ndihmën."),
            (_, AlertKind.New) => ($"Missing child: {who}", "Please keep watch. If you see the child, call 192 or report it in the app."),
            (_, AlertKind.Update) => ($"Update: missing child {who}", "The search zone has changed. If you see the child, call 192."),
            _ => ("Alert withdrawn", "The case is closed. Thank you for your help."),
        };
    }
}
