using System.Globalization;
using System.Text;

namespace EarlyWarning.Domain.Alerts;

/// <summary>
/// Text as a phone shows it: lengths in text elements (grapheme clusters, so "ë" typed as e plus
/// a combining diaeresis, or a flag emoji, is one), and shortening that never cuts a word.
/// </summary>
public static class DisplayText
{
    /// <summary>Marks a value cut short at a word boundary (U+2026, one text element).</summary>
    public const string Ellipsis = "…";

    /// <summary>The number of text elements (what a reader counts as characters) in <paramref name="text"/>.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>
    /// Runs of white space (new lines included) as one space, no leading or trailing space; null
    /// when nothing is left. Not normalised to NFC: the hosts run with invariant globalization, which
    /// leaves that undone; lengths are in text elements, so a decomposed ë still counts one.
    /// </summary>
    public static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words);
    }

    /// <summary>
    /// <paramref name="value"/> (already <see cref="Clean"/>) in at most <paramref name="room"/> text
    /// elements: whole words from its start and an ellipsis, or the ellipsis alone when not even the
    /// first word fits; empty when there is no room at all. Never part of a word.
    /// </summary>
    public static string ShortenAtWord(string value, int room)
    {
        if (Length(value) <= room)
        {
            return value;
        }

        if (room < Length(Ellipsis))
        {
            return string.Empty;
        }

        var kept = new StringBuilder();
        var keptLength = 0;
        foreach (var word in value.Split(' '))
        {
            var added = (kept.Length == 0 ? 0 : 1) + Length(word);
            if (keptLength + added + Length(Ellipsis) > room)
            {
                break;
            }

            kept.Append(kept.Length == 0 ? string.Empty : " ").Append(word);
            keptLength += added;
        }

        // "red jacket," + "…" reads as a list cut short; "red jacket…" as the text cut short.
        return kept.ToString().TrimEnd(' ', ',', ';', ':', '.', '-', '–', '—') + Ellipsis;
    }
}
