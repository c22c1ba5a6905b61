using EarlyWarning.Domain.Alerts.Texts;

namespace EarlyWarning.Domain.Alerts;

/// <summary>Headline and text of an alert in the subscriber's language.</summary>
public static class AlertWording
{
    /// <summary>
    /// Words an alert: its headline and its long form (<see cref="AlertForms.LongText"/>). The child's
    /// name is only passed for <see cref="AlertKind.New"/> and <see cref="AlertKind.Update"/>: a
    /// cancel carries no personal data.
    /// </summary>
    public static (string Headline, string Text) For(AlertKind kind, string language, string? childName, int? childAge) =>
        For(kind, language, childName, childAge, exercise: false);

    /// <summary>
    /// Words an alert; for an <paramref name="exercise"/> the headline and the text both begin with
    /// the exercise mark in the recipient's language (see <see cref="ExerciseMark"/>), so a drill is
    /// never read as a real case, wherever only one of the two is shown.
    /// </summary>
    public static (string Headline, string Text) For(AlertKind kind, string language, string? childName, int? childAge, bool exercise) =>
        (Headline(kind, language, childName, childAge, exercise),
         AlertForms.LongText(new AlertFacts(kind, childName, childAge, Exercise: exercise), language));

    /// <summary>The headline ("Missing child: Elena (7)"); no length limit (the forms carry those), a cancel's names no one.</summary>
    public static string Headline(AlertKind kind, string language, string? childName, int? childAge, bool exercise = false)
    {
        var texts = AlertTexts.For(language);
        var headline = AlertForms.Template(texts[AlertTextKey.Headline(kind)].Template)
            .Render(AlertForms.Values(new AlertFacts(kind, childName, childAge)), int.MaxValue);
        return exercise ? $"{ExerciseMark(language)}: {headline}" : headline;
    }

    /// <summary>"ВЕЖБА", "USHTRIM", "EXERCISE" or "VEŽBA": the mark of an exercise in <paramref name="language"/> (English when unknown).</summary>
    public static string ExerciseMark(string language) => AlertTexts.For(language)[AlertTextKey.ExerciseMark].Template;
}
