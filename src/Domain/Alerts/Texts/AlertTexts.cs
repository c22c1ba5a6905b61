namespace EarlyWarning.Domain.Alerts.Texts;

/// <summary>
/// Every language's alert texts, keyed by <see cref="AlertTextKey"/>. Templates, not sentences:
/// see <see cref="AlertTemplate"/>. A text with <see cref="AlertText.NeedsReview"/> awaits a
/// native speaker (README lists them).
/// </summary>
public static class AlertTexts
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, AlertText>> Tables = new(StringComparer.Ordinal)
    {
        [AlertLanguage.Macedonian] = MacedonianTexts.All,
        [AlertLanguage.Albanian] = AlbanianTexts.All,
        [AlertLanguage.English] = EnglishTexts.All,
        [AlertLanguage.Romani] = RomaniTexts.All,
    };

    /// <summary>The table of <paramref name="language"/>; English's for an unsupported one.</summary>
    public static IReadOnlyDictionary<string, AlertText> For(string language) =>
        Tables.GetValueOrDefault(language) ?? EnglishTexts.All;
}
