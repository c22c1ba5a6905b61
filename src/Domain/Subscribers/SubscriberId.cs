namespace EarlyWarning.Domain.Subscribers;

/// <summary>
/// A subscriber's id, and who mints it. The gateway mints one per public subscription
/// (<see cref="New"/>: <c>s-</c> and a version 7 GUID's 32 lower-case hex digits); a field team's
/// is its account's name and the demo names its phones (<c>s-demo-00001</c>): <see cref="From"/>.
/// Tiles keep the minted form as a 128-bit number (<see cref="Regions.SubscriberKey"/>,
/// <see cref="IsMinted"/>), any other as its text. The id reaches a grain only from a token the
/// gateway signed, never from a route, so nothing else parses it.
/// </summary>
public readonly record struct SubscriberId
{
    /// <summary>What a minted id starts with.</summary>
    public const string Prefix = "s-";

    /// <summary>The hex digits after <see cref="Prefix"/> in a minted id.</summary>
    public const int HexDigits = 32;

    private SubscriberId(string value) => Value = value;

    /// <summary>The id's text: the subscriber grain's key and the token's <c>sub</c>.</summary>
    public string Value { get; }

    /// <summary>True when the id has the form <see cref="New"/> mints.</summary>
    public bool IsMinted => HasMintedForm(Value);

    /// <summary>A fresh id for a public subscription.</summary>
    public static SubscriberId New() => new(Prefix + Guid.CreateVersion7().ToString("N"));

    /// <summary>An id given by the system itself: an account's name, a demo phone's.</summary>
    /// <exception cref="ArgumentException">Empty.</exception>
    public static SubscriberId From(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new SubscriberId(value);
    }

    /// <summary>True when <paramref name="id"/> has the form <see cref="New"/> mints (lower-case digits only, so a packed id comes back as given).</summary>
    public static bool HasMintedForm(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != Prefix.Length + HexDigits || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
