using System.Collections.Concurrent;
using System.Globalization;
using EarlyWarning.Domain.Alerts.Texts;

namespace EarlyWarning.Domain.Alerts;

/// <summary>
/// The short (≤ 90) and long (≤ 360) forms of an alert in a language, from that language's
/// templates (<see cref="AlertTexts"/>). Lengths are counted in text elements, as a reader counts
/// characters: Cyrillic, ë, ç, č, š and ž already make a cell-broadcast message UCS-2, where the
/// issue's 90 and 360 are what a phone displays, so the limit is one of display, not of GSM-7 septets.
/// To fit, optional parts are dropped in each template's fixed order, then the name is shortened at
/// a word boundary with an ellipsis; no word is ever cut.
/// </summary>
public static class AlertForms
{
    /// <summary>The short form's limit, in text elements (WEA's and EU-Alert's 90).</summary>
    public const int ShortMaxLength = 90;

    /// <summary>The long form's limit, in text elements (WEA's and EU-Alert's 360).</summary>
    public const int LongMaxLength = 360;

    private static readonly ConcurrentDictionary<string, AlertTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>The limit of <paramref name="form"/>.</summary>
    public static int MaxLength(AlertForm form) => form == AlertForm.ShortText ? ShortMaxLength : LongMaxLength;

    /// <summary>The short form: push notifications and cell broadcast.</summary>
    public static string ShortText(AlertFacts facts, string language) => For(AlertForm.ShortText, facts, language);

    /// <summary>The long form: CAP <c>description</c>, the hub's <c>text</c> and the pages' alert card.</summary>
    public static string LongText(AlertFacts facts, string language) => For(AlertForm.LongText, facts, language);

    /// <summary><paramref name="form"/> of the alert in <paramref name="language"/> (English when unsupported).</summary>
    public static string For(AlertForm form, AlertFacts facts, string language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var texts = AlertTexts.For(language);
        var prefix = facts.Exercise ? ExercisePrefix(form, texts) : string.Empty;
        var template = Template(texts[AlertTextKey.Form(form, facts.Kind)].Template);
        return prefix + template.Render(Values(facts), MaxLength(form) - DisplayText.Length(prefix));
    }

    /// <summary>What an exercise's form begins with: "EXERCISE: " short, "EXERCISE. This is an exercise, not a real case. " long.</summary>
    public static string ExercisePrefix(AlertForm form, IReadOnlyDictionary<string, AlertText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var mark = texts[AlertTextKey.ExerciseMark].Template;
        return form == AlertForm.ShortText ? $"{mark}: " : $"{mark}. {texts[AlertTextKey.ExerciseNote].Template} ";
    }

    /// <summary>A template of the tables, parsed once.</summary>
    public static AlertTemplate Template(string template) => Parsed.GetOrAdd(template, AlertTemplate.Parse);

    /// <summary>The placeholder values of <paramref name="facts"/>; a cancel's carry nothing of the child.</summary>
    public static IReadOnlyDictionary<string, string?> Values(AlertFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var named = facts.Kind != AlertKind.Cancel;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = named ? DisplayText.Clean(facts.ChildName) : null,
            ["age"] = named ? facts.ChildAge?.ToString(CultureInfo.InvariantCulture) : null,
            ["place"] = named ? DisplayText.Clean(facts.Place) : null,
            ["description"] = named ? DisplayText.Clean(facts.Description) : null,
        };
    }
}
