using System.Security.Cryptography;

namespace EarlyWarning.Gateway.Push;

/// <summary>A subscription's <c>p256dh</c>: the uncompressed point (for RFC 8291's key info) and the key imported from it (for ECDH).</summary>
/// <param name="Point">0x04, X, Y (65 bytes).</param>
/// <param name="Key">The same point as a key OpenSSL has checked (on the curve, of the right order).</param>
public sealed record SubscriberKey(byte[] Point, ECDiffieHellmanPublicKey Key)
{
    /// <summary>Imports <paramref name="point"/>.</summary>
    /// <exception cref="CryptographicException">Not an uncompressed point on P-256.</exception>
    public static SubscriberKey Import(ReadOnlySpan<byte> point)
    {
        if (point.Length != WebPushEncryption.PublicKeyLength || point[0] != 0x04)
        {
            throw new CryptographicException("The subscription's p256dh is not an uncompressed P-256 point.");
        }

        using var key = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..].ToArray() },
        });

        // The public key holds its own reference to the native key: it outlives the pair's disposal.
        return new SubscriberKey(point.ToArray(), key.PublicKey);
    }
}
