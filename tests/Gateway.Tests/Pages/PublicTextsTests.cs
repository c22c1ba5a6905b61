using EarlyWarning.Domain.Alerts;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>The public page's resource files (web/src/public/texts/*.json): one per alert language, each with every key.</summary>
[Trait("Category", "Interop")]
public sealed class PublicTextsTests
{
    public static TheoryData<string> Languages() => [.. AlertLanguage.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_alert_language_has_every_key_of_the_english_page_with_the_same_placeholders(string language)
    {
        var english = Texts(AlertLanguage.English);
        var texts = Texts(language);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in texts)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{language} {key}");
            Assert.Equal(TextFiles.Placeholders(english[key]), TextFiles.Placeholders(text));
        }
    }

    [Fact]
    public void Every_romani_text_of_the_page_is_listed_for_a_native_speakers_review()
    {
        var listed = TextFiles.NeedsReview(PathOf(AlertLanguage.Romani));

        Assert.Equal(Texts(AlertLanguage.Romani).Keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Texts(string language) => TextFiles.Texts(PathOf(language));

    private static string PathOf(string language) => Path.Combine(AppContext.BaseDirectory, "Pages", "Texts", $"{language}.json");
}
