using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EarlyWarning.Gateway.CasePages;

/// <summary>
/// The public pages' words on the server: the same resource files the public page's script
/// bundles (<c>web/src/public/texts/*.json</c>, embedded in this assembly), so a case page
/// rendered here and the script on it speak from one table per language. A key missing in a
/// language falls back to English, as the script does.
/// </summary>
public sealed partial class PageTexts
{
    public const string DefaultLanguage = "mk";
    private const string Fallback = "en";

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Tables = Load();

    private readonly FrozenDictionary<string, string> _table;

    private PageTexts(string language)
    {
        Language = language;
        _table = Tables[language];
    }

    /// <summary>Every language with a resource file.</summary>
    public static IReadOnlyList<string> Languages { get; } = [.. Tables.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The language these texts are in.</summary>
    public string Language { get; }

    /// <summary>The text of <paramref name="key"/> with each <c>{name}</c> replaced from <paramref name="values"/>.</summary>
    public string this[string key, params (string Name, string Value)[] values]
    {
        get
        {
            var text = _table.GetValueOrDefault(key) ?? Tables[Fallback].GetValueOrDefault(key) ?? key;
            return Placeholder().Replace(text, m => values.FirstOrDefault(v => v.Name == m.Groups[1].Value).Value ?? "");
        }
    }

    /// <summary>
    /// The page's language: <c>?lang=</c> when it names one, else the first of Accept-Language
    /// (by quality) that does, else Macedonian, the public page's own default.
    /// </summary>
    public static PageTexts For(HttpRequest request)
    {
        var asked = request.Query["lang"].ToString();
        if (Tables.ContainsKey(asked))
        {
            return new PageTexts(asked);
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is not null && Tables.ContainsKey(l));
        return new PageTexts(accepted ?? DefaultLanguage);
    }

    /// <summary>These texts in another language (the page's language links).</summary>
    public static PageTexts In(string language) => new(Tables.ContainsKey(language) ? language : DefaultLanguage);

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(PageTexts).Assembly;
        const string Prefix = "texts.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .ToFrozenDictionary(
                n => n[Prefix.Length..^".json".Length],
                n =>
                {
                    using var stream = assembly.GetManifestResourceStream(n)!;
                    using var table = JsonDocument.Parse(stream);
                    // Only the texts: a table may also carry notes for translators (rom's _needsReview list).
                    return table.RootElement.EnumerateObject()
                        .Where(p => p.Value.ValueKind == JsonValueKind.String)
                        .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!);
                });
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
