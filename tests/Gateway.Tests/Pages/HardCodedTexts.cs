using System.Text.RegularExpressions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// Finds words a page script would show that are not from its resource files: a literal with a
/// word beside a space ("None yet.", `${n} to review`), a capitalised word ("Resolve"), or any
/// word as an element's first child (h("span", {}, "exercise")). Literals that are code, not
/// words, are passed over: class names, selectors, imports, object keys, hub method names.
/// </summary>
internal static partial class HardCodedTexts
{
    public static List<string> In(string source) =>
        [.. ScriptLiterals.Of(source).Where(l => Shown(source, l)).Select(l => l.Text.Replace(ScriptLiterals.Hole, '…'))];

    private static bool Shown(string source, ScriptLiterals.Literal literal)
    {
        var before = source[Math.Max(0, literal.Start - 200)..literal.Start];
        var after = source[literal.End..].TrimStart();
        if (CodeContext().IsMatch(before) || (after.StartsWith(':') && ObjectKeyStart().IsMatch(before)) || !Letter().IsMatch(literal.Text))
        {
            return false;
        }

        return WordBesideSpace().IsMatch(literal.Text) || CapitalisedWord().IsMatch(literal.Text) || FirstChild().IsMatch(before);
    }

    [GeneratedRegex(@"(class:|from|import|\$\(|querySelector(All)?\(|closest\(|endsWith\(|startsWith\(|invoke\()\s*$")]
    private static partial Regex CodeContext();

    [GeneratedRegex(@"[{,]\s*$")]
    private static partial Regex ObjectKeyStart();

    [GeneratedRegex(@"\p{L}")]
    private static partial Regex Letter();

    [GeneratedRegex(@"\p{L}\s|\s\p{L}")]
    private static partial Regex WordBesideSpace();

    [GeneratedRegex(@"^\s*\p{Lu}\p{Ll}")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"\bh\(\s*""[\w-]+""\s*,\s*(\{[^{}]*\}|null)\s*,\s*$")]
    private static partial Regex FirstChild();
}
