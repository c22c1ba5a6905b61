using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EarlyWarning.Domain.Partners;

/// <summary>
/// The signature a partner checks a webhook by: <c>sha256=</c> and the lower-case hex of
/// HMAC-SHA256 keyed with the shared secret (UTF-8) over <c>{timestamp}.{body}</c>, the timestamp
/// in unix seconds as sent in <c>X-EarlyWarning-Timestamp</c>. Signing the timestamp with the body
/// lets a partner refuse an old request replayed (compare it with its own clock).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The prefix naming the algorithm.</summary>
    public const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public static string Compute(string secret, long unixSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether <paramref name="signature"/> is the one for these values (compared in constant time).</summary>
    public static bool Verify(string secret, long unixSeconds, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(signature));
}
