using System.Diagnostics.CodeAnalysis;

namespace EarlyWarning.Domain.Cases;

/// <summary>
/// A case's id, as minted and as checked at every boundary. The gateway mints one per opening
/// (<see cref="New"/>: <c>c-</c> and a version 7 GUID's 32 hex digits, so ids sort by opening
/// time); the demo names its own (<see cref="Named"/>). Every id that arrives from outside (a
/// route, a hub argument) is parsed first (<see cref="TryParse"/>): a grain key is any string, so
/// a space, a dot or a megabyte would otherwise become a grain.
/// </summary>
public readonly record struct CaseId
{
    /// <summary>What every case id starts with.</summary>
    public const string Prefix = "c-";

    /// <summary>Longest case id: the 34 characters minted, with room for named ones (<c>c-demo-20261123</c>).</summary>
    public const int MaxLength = 64;

    private CaseId(string value) => Value = value;

    /// <summary>The id's text: the case grain's key, and the id in every route and message.</summary>
    public string Value { get; }

    /// <summary>A fresh id for a case being opened.</summary>
    public static CaseId New() => new(Prefix + Guid.CreateVersion7().ToString("N"));

    /// <summary>An id chosen by name (<c>c-</c> and <paramref name="slug"/>), e.g. the demo's case of the day.</summary>
    /// <exception cref="ArgumentException">The result would not parse.</exception>
    public static CaseId Named(string slug) =>
        TryParse(Prefix + slug, out var id) ? id : throw new ArgumentException("A case id is 'c-' and lower-case letters, digits or hyphens.", nameof(slug));

    /// <summary>
    /// The id in <paramref name="text"/>: <c>c-</c> then lower-case letters, digits and hyphens,
    /// at most <see cref="MaxLength"/> characters in all.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CaseId id)
    {
        var valid = text is { Length: > 2 and <= MaxLength } && text.StartsWith(Prefix, StringComparison.Ordinal) && IdText.IsLowerSlug(text.AsSpan(Prefix.Length));
        id = valid ? new CaseId(text!) : default;
        return valid;
    }

    /// <summary>True when <paramref name="text"/> is a case id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) => TryParse(text, out _);

    /// <inheritdoc />
    public override string ToString() => Value;
}
