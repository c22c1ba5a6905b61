using System.Diagnostics.CodeAnalysis;

namespace EarlyWarning.Domain.Partners;

/// <summary>
/// A partner's id: <c>pt-</c> and 32 lower-case hex digits, minted when a supervisor registers the
/// partner (<see cref="New"/>) and parsed from every route first (<see cref="TryParse"/>), before it
/// becomes a grain key.
/// </summary>
public readonly record struct PartnerId
{
    /// <summary>What every partner id starts with.</summary>
    public const string Prefix = "pt-";

    private PartnerId(string value) => Value = value;

    /// <summary>The id's text: the partner grain's key, and the id in every route.</summary>
    public string Value { get; }

    /// <summary>A fresh id for a partner being registered.</summary>
    public static PartnerId New() => new(Prefix + Guid.NewGuid().ToString("N"));

    /// <summary>The id in <paramref name="text"/>, exactly as <see cref="New"/> makes them.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PartnerId id)
    {
        var valid = text is { Length: 35 } && text.StartsWith(Prefix, StringComparison.Ordinal) && IsLowerHex(text.AsSpan(Prefix.Length));
        id = valid ? new PartnerId(text!) : default;
        return valid;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
