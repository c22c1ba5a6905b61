using System.Text.Json;
using System.Text.RegularExpressions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>A page's resource file (texts/&lt;language&gt;.json): its texts, the ones awaiting review, their placeholders.</summary>
internal static partial class TextFiles
{
    /// <summary>The texts of a file; keys starting with "_" are notes for translators, not texts.</summary>
    public static Dictionary<string, string> Texts(string path)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        return file.RootElement.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The keys the file's <c>_needsReview</c> lists (none when it has no list).</summary>
    public static List<string> NeedsReview(string path)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        return file.RootElement.TryGetProperty("_needsReview", out var list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [];
    }

    public static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex PlaceholderPattern();
}
