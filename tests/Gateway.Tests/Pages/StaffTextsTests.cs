using System.Text.RegularExpressions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room's and the field page's resource files (web/src/{control,field,shared}/texts):
/// Macedonian, Albanian and English, each with every key, and every key a page asks for there.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class StaffTextsTests
{
    public static TheoryData<string, string> FoldersAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in StaffPageFiles.TextFolders)
        {
            foreach (var language in StaffPageFiles.Languages)
            {
                data.Add(folder, language);
            }
        }

        return data;
    }

    public static TheoryData<string> Pages() => [.. StaffPageFiles.Pages.Keys];

    [Theory]
    [MemberData(nameof(FoldersAndLanguages))]
    public void Every_staff_language_has_every_key_of_the_english_texts_with_the_same_placeholders(string folder, string language)
    {
        var english = TextFiles.Texts(StaffPageFiles.TextsPath(folder, "en"));
        var texts = TextFiles.Texts(StaffPageFiles.TextsPath(folder, language));

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in texts)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{folder} {language} {key}");
            Assert.Equal(TextFiles.Placeholders(english[key]), TextFiles.Placeholders(text));
        }
    }

    [Theory]
    [MemberData(nameof(FoldersAndLanguages))]
    public void Every_staff_text_marked_for_review_is_a_key_of_its_file(string folder, string language)
    {
        var path = StaffPageFiles.TextsPath(folder, language);

        Assert.All(TextFiles.NeedsReview(path), key => Assert.Contains(key, TextFiles.Texts(path).Keys));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_key_a_staff_page_asks_for_is_in_its_english_texts(string page)
    {
        var keys = StaffPageFiles.EnglishKeys(page);
        var scripts = string.Join('\n', StaffPageFiles.Scripts(page).Select(s => s.Source));
        var asked = TextCall().Matches(scripts).SelectMany(m => new[] { m.Groups["key"], m.Groups["other"] }).Where(g => g.Success).Select(g => g.Value)
            .Concat(HtmlKey().Matches(StaffPageFiles.Html(page)).Select(m => m.Groups["key"].Value))
            .Distinct()
            .ToList();
        var prefixes = LabelCall().Matches(scripts).Select(m => m.Groups["prefix"].Value + ".")
            .Concat(TemplateTextCall().Matches(scripts).Select(m => m.Groups["prefix"].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(asked);
        Assert.All(asked, key => Assert.Contains(key, keys));
        Assert.All(prefixes, prefix => Assert.Contains(keys, key => key.StartsWith(prefix, StringComparison.Ordinal)));
    }

    // t("key"), and both keys of t(cond ? "a" : "b").
    [GeneratedRegex(@"\bt\(\s*(?:[^()""]*?\?\s*)?""(?<key>[\w.-]+)""(?:\s*:\s*""(?<other>[\w.-]+)"")?")]
    private static partial Regex TextCall();

    // t(`figure.${name}`): some key starts with "figure.".
    [GeneratedRegex(@"\bt\(\s*`(?<prefix>[\w-]+\.)\$\{")]
    private static partial Regex TemplateTextCall();

    // label("category", value): some key starts with "category.".
    [GeneratedRegex(@"\blabel\(\s*""(?<prefix>[\w-]+)""")]
    private static partial Regex LabelCall();

    [GeneratedRegex(@"\bdata-text(?:-[\w-]+)?=""(?<key>[^""]+)""")]
    private static partial Regex HtmlKey();
}
