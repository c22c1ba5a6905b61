using System.Diagnostics.CodeAnalysis;

namespace EarlyWarning.Domain.Cases;

/// <summary>
/// A sighting's id. A client may choose its own (API.md lets it, so a retried report is stored
/// once): a GUID, or any other token; when it sends none, the gateway mints one
/// (<see cref="New"/>: <c>s-</c> and a version 7 GUID's 32 hex digits).
/// </summary>
public readonly record struct SightingId
{
    /// <summary>Longest sighting id a client may choose.</summary>
    public const int MaxLength = 100;

    private SightingId(string value) => Value = value;

    /// <summary>The id's text, as stored with the case and used in routes.</summary>
    public string Value { get; }

    /// <summary>A fresh id for a report that came without one.</summary>
    public static SightingId New() => new("s-" + Guid.CreateVersion7().ToString("N"));

    /// <summary>
    /// The id in <paramref name="text"/>: 1 to <see cref="MaxLength"/> ASCII letters, digits,
    /// hyphens and underscores — no space, dot, slash, brace or escape, so it is safe as a route
    /// segment and as part of a grain key.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SightingId id)
    {
        var valid = text is { Length: > 0 and <= MaxLength } && IdText.IsToken(text);
        id = valid ? new SightingId(text!) : default;
        return valid;
    }

    /// <summary>True when <paramref name="text"/> is a sighting id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) => TryParse(text, out _);

    /// <inheritdoc />
    public override string ToString() => Value;
}
