using System.Text.RegularExpressions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// No words of their own in the control room's and the field page's scripts and HTML: every text
/// they show comes from their resource files (see <see cref="StaffTextsTests"/>).
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class StaffScriptTextsTests
{
    public static TheoryData<string> Pages() => [.. StaffPageFiles.Pages.Keys];

    [Theory]
    [MemberData(nameof(Pages))]
    public void No_staff_script_shows_a_text_of_its_own(string page)
    {
        var found = StaffPageFiles.Scripts(page).SelectMany(s => HardCodedTexts.In(s.Source).Select(text => $"{s.Name}: {text}")).ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_check_finds_texts_written_into_a_script_and_passes_over_code()
    {
        const string Script = """
            import { h } from "../shared/dom.js";
            h("p", { class: "muted row" }, "None yet.");
            h("summary", {}, "Resolve");
            h("span", { class: "exercise-mark" }, "exercise");
            h("input", { placeholder: "why (optional)" });
            h("span", {}, `${pending} to review`);
            // A comment "with words" is not shown.
            h("span", {}, t("noneYet"), $("#detail button"), hub.invoke("Acknowledge"));
            """;

        Assert.Equal(["None yet.", "Resolve", "exercise", "why (optional)", "… to review"], HardCodedTexts.In(Script));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_staff_page_html_has_no_text_of_its_own_and_a_language_picker(string page)
    {
        var html = StaffPageFiles.Html(page);
        // The page's name until the script names it, the notice shown only when no script runs,
        // and each language by its own name.
        var shown = Unshown().Replace(html, "");
        var texts = TextNode().Matches(shown).Select(m => m.Groups["text"].Value.Replace("EarlyWarning", "", StringComparison.Ordinal))
            .Where(t => t.Any(char.IsLetter))
            .ToList();

        Assert.Empty(texts);
        Assert.DoesNotMatch(VisibleAttribute(), html);
        Assert.Equal(["mk", "sq", "en"], Regex.Matches(LanguagePicker().Match(html).Value, @"value=""(\w+)""").Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex(@"<title[^>]*>.*?</title>|<p id=""not-built""[^>]*>.*?</p>|<select data-language[^>]*>.*?</select>", RegexOptions.Singleline)]
    private static partial Regex Unshown();

    [GeneratedRegex(@">(?<text>[^<]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\s(placeholder|title|alt|aria-label)=""")]
    private static partial Regex VisibleAttribute();

    [GeneratedRegex(@"<select data-language[^>]*>.*?</select>", RegexOptions.Singleline)]
    private static partial Regex LanguagePicker();
}
