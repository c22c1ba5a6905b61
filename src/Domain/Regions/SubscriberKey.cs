using System.Globalization;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>
/// A subscriber id as a tile's <see cref="SubscriberIndex"/> holds it. The gateway's ids ("s-" and
/// 32 lower-case hex digits) are kept as a 128-bit number, 16 bytes instead of a ~96-byte string:
/// a million idle subscribers are mostly ids. Any other id keeps its text. Converting back gives
/// the id exactly as it was given.
/// </summary>
public readonly struct SubscriberKey : IEquatable<SubscriberKey>
{
    private const string Prefix = SubscriberId.Prefix;
    private const int HexDigits = SubscriberId.HexDigits;

    // Two halves rather than a UInt128, whose 16-byte alignment would pad every entry holding it.
    private readonly ulong _upper;
    private readonly ulong _lower;
    private readonly string? _text;

    private SubscriberKey(UInt128 number, string? text) => (_upper, _lower, _text) = ((ulong)(number >> 64), (ulong)number, text);

    private UInt128 Number => new(_upper, _lower);

    /// <summary>True when the id is held as a number rather than as its text.</summary>
    public bool IsCompact => _text is null;

    /// <summary>The key of <paramref name="id"/>.</summary>
    public static SubscriberKey Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return SubscriberId.HasMintedForm(id)
            ? new SubscriberKey(UInt128.Parse(id.AsSpan(Prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), null)
            : new SubscriberKey(default, id);
    }

    /// <summary>The id as it was given (a new string for a compact key).</summary>
    public override string ToString() =>
        _text ?? string.Create(Prefix.Length + HexDigits, Number, static (chars, number) =>
        {
            Prefix.CopyTo(chars);
            number.TryFormat(chars[Prefix.Length..], out _, "x32", CultureInfo.InvariantCulture);
        });

    /// <inheritdoc />
    public bool Equals(SubscriberKey other) =>
        _upper == other._upper && _lower == other._lower && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SubscriberKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _text is null ? HashCode.Combine(_upper, _lower) : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Same id.</summary>
    public static bool operator ==(SubscriberKey left, SubscriberKey right) => left.Equals(right);

    /// <summary>Different ids.</summary>
    public static bool operator !=(SubscriberKey left, SubscriberKey right) => !left.Equals(right);
}
