using System.Text.Json;
using System.Text.RegularExpressions;
using EarlyWarning.Domain.Alerts;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>The public page's resource files (web/src/public/texts/*.json): one per alert language, each with every key.</summary>
[Trait("Category", "Interop")]
public sealed partial class PublicTextsTests
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
            Assert.Equal(Placeholders(english[key]), Placeholders(text));
        }
    }

    [Fact]
    public void Every_romani_text_of_the_page_is_listed_for_a_native_speakers_review()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(PathOf(AlertLanguage.Romani)));
        var listed = file.RootElement.GetProperty("_needsReview").EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.Equal(Texts(AlertLanguage.Romani).Keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    /// <summary>The texts of a file; keys starting with "_" are notes for translators, not texts.</summary>
    private static Dictionary<string, string> Texts(string language)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(PathOf(language)));
        return file.RootElement.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    private static string PathOf(string language) => Path.Combine(AppContext.BaseDirectory, "Pages", "Texts", $"{language}.json");

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex PlaceholderPattern();
}
