using System.Text;
using System.Text.RegularExpressions;

namespace EarlyWarning.Domain.Alerts;

/// <summary>
/// A parsed alert template. Placeholders: <c>{name}</c>, <c>{age}</c>, <c>{place}</c>,
/// <c>{description}</c>, each at most once. An optional part is <c>[n|…]</c>: it is left out when a
/// placeholder in it has no value, and to fit a limit the parts are dropped in the order of
/// <c>n</c> (1 first); a part holding <c>{description}</c> is first shortened at a word boundary.
/// Only then is the name shortened at a word boundary with an ellipsis. Text outside parts, and
/// the name's placeholder, are required.
/// </summary>
public sealed partial class AlertTemplate
{
    /// <summary>The placeholder names a template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["name", "age", "place", "description"];

    private readonly Segment[] _segments;

    private AlertTemplate(Segment[] segments) => _segments = segments;

    /// <summary>The placeholders used, required or optional.</summary>
    public IEnumerable<string> Uses => _segments.SelectMany(s => s.Uses).Distinct(StringComparer.Ordinal);

    /// <summary>The words of the template's own text (no placeholders), for checking output comes only from it and the input.</summary>
    public IEnumerable<string> OwnText => _segments.Select(s => PlaceholderPattern().Replace(s.Text, " "));

    /// <summary>Parses <paramref name="template"/>; a malformed one throws (the tables are tested).</summary>
    public static AlertTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var segments = new List<Segment>();
        var at = 0;
        foreach (Match part in OptionalPattern().Matches(template))
        {
            segments.Add(Segment.Of(template[at..part.Index], 0));
            segments.Add(Segment.Of(part.Groups["text"].Value, int.Parse(part.Groups["rank"].Value, System.Globalization.CultureInfo.InvariantCulture)));
            at = part.Index + part.Length;
        }

        segments.Add(Segment.Of(template[at..], 0));
        var all = segments.Where(s => s.Text.Length > 0).ToArray();
        if (all.Any(s => s.Text.Contains('[', StringComparison.Ordinal) || s.Text.Contains(']', StringComparison.Ordinal)))
        {
            throw new FormatException($"Unbalanced optional part in \"{template}\".");
        }

        var uses = all.SelectMany(s => s.Uses).ToList();
        if (uses.Count != uses.Distinct(StringComparer.Ordinal).Count() || uses.Except(Placeholders, StringComparer.Ordinal).Any())
        {
            throw new FormatException($"Unknown or repeated placeholder in \"{template}\".");
        }

        return new AlertTemplate(all);
    }

    /// <summary>
    /// The text for <paramref name="values"/> (placeholder → value, already <see cref="DisplayText.Clean"/>ed;
    /// null or absent for none) in at most <paramref name="limit"/> text elements, if the template
    /// can fit at all (its required text with the name as a lone ellipsis).
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string?> values, int limit)
    {
        ArgumentNullException.ThrowIfNull(values);
        var filled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is not null)
            {
                filled[key] = value;
            }
        }

        var active = _segments.Where(s => s.Rank == 0 || s.Uses.All(filled.ContainsKey)).ToList();
        var text = Fill(active, filled);
        if (DisplayText.Length(text) <= limit)
        {
            return text;
        }

        foreach (var rank in active.Where(s => s.Rank > 0).Select(s => s.Rank).Distinct().Order().ToList())
        {
            var dropped = active.Where(s => s.Rank == rank).ToList();
            if (dropped.Any(s => s.Uses.Contains("description")) && ShortenToFit(active, filled, "description", limit) is { } withDescription)
            {
                return withDescription;
            }

            active.RemoveAll(dropped.Contains);
            text = Fill(active, filled);
            if (DisplayText.Length(text) <= limit)
            {
                return text;
            }
        }

        return ShortenToFit(active, filled, "name", limit) ?? text;
    }

    /// <summary>The text with <paramref name="key"/>'s value cut at a word boundary to fit, or null if no word of it fits.</summary>
    private static string? ShortenToFit(List<Segment> active, Dictionary<string, string> filled, string key, int limit)
    {
        if (!filled.TryGetValue(key, out var value))
        {
            return null;
        }

        var without = new Dictionary<string, string>(filled, StringComparer.Ordinal) { [key] = string.Empty };
        var room = limit - DisplayText.Length(Fill(active, without));
        var shortened = DisplayText.ShortenAtWord(value, room);
        if (key != "name" && (shortened.Length == 0 || shortened == DisplayText.Ellipsis))
        {
            return null;
        }

        without[key] = shortened;
        var text = Fill(active, without);
        return DisplayText.Length(text) <= limit ? text : null;
    }

    private static string Fill(List<Segment> segments, Dictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            text.Append(PlaceholderPattern().Replace(segment.Text, m => values.GetValueOrDefault(m.Groups["key"].Value, string.Empty)));
        }

        // A value cut short ends in "…": the sentence's own full stop after it would read "….".
        return text.Replace(DisplayText.Ellipsis + ".", DisplayText.Ellipsis).ToString();
    }

    [GeneratedRegex(@"\[(?<rank>[1-9])\|(?<text>[^\[\]]*)\]")]
    private static partial Regex OptionalPattern();

    [GeneratedRegex(@"\{(?<key>[a-z]+)\}")]
    private static partial Regex PlaceholderPattern();

    private sealed record Segment(string Text, int Rank, string[] Uses)
    {
        public static Segment Of(string text, int rank) =>
            new(text, rank, [.. PlaceholderPattern().Matches(text).Select(m => m.Groups["key"].Value)]);
    }
}
