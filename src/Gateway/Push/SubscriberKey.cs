using System.Security.Cryptography;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// A subscription's <c>p256dh</c>, imported and checked once (on the curve, of the right order):
/// the uncompressed point for RFC 8291's key info, and the key ECDH agrees with — OpenSSL's own
/// where <see cref="OpenSslP256"/> is available, else .NET's.
/// </summary>
public sealed class SubscriberKey
{
    private readonly ECDiffieHellmanPublicKey? _managed;
    private readonly OpenSslKey? _native;

    private SubscriberKey(byte[] point, ECDiffieHellmanPublicKey? managed, OpenSslKey? native)
    {
        Point = point;
        _managed = managed;
        _native = native;
    }

    /// <summary>0x04, X, Y (65 bytes).</summary>
    public byte[] Point { get; }

    /// <summary>Whether agreements with this key go straight through libcrypto.</summary>
    internal bool IsNative => _native is not null;

    /// <summary>Imports <paramref name="point"/>.</summary>
    /// <exception cref="CryptographicException">Not an uncompressed point on P-256.</exception>
    public static SubscriberKey Import(ReadOnlySpan<byte> point) => Import(point, OpenSslP256.IsAvailable);

    /// <summary>The same, through OpenSSL directly or through .NET as asked (the tests try both).</summary>
    internal static SubscriberKey Import(ReadOnlySpan<byte> point, bool native)
    {
        if (point.Length != WebPushEncryption.PublicKeyLength || point[0] != 0x04)
        {
            throw new CryptographicException("The subscription's p256dh is not an uncompressed P-256 point.");
        }

        if (native)
        {
            return new SubscriberKey(point.ToArray(), null, OpenSslP256.ImportPublic(point));
        }

        using var key = ImportManaged(point);

        // The public key holds its own reference to the native key: it outlives the pair's disposal.
        return new SubscriberKey(point.ToArray(), key.PublicKey, null);
    }

    /// <summary>A fresh key pair, used for this one message: its public point into 65 bytes and its ECDH secret with this key into 32.</summary>
    internal void AgreeWithFreshPair(Span<byte> publicPoint, Span<byte> secret)
    {
        if (_native is not null)
        {
            OpenSslP256.AgreeWithFreshPair(_native, publicPoint, secret);
            return;
        }

        using var pair = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        WritePublicPoint(pair, publicPoint);
        Agree(pair, secret);
    }

    /// <summary>The ECDH secret of a given pair with this key (the RFC's known answer; never a pair used twice).</summary>
    internal void Agree(ECDiffieHellman pair, Span<byte> secret)
    {
        byte[] raw;
        if (_managed is not null)
        {
            raw = pair.DeriveRawSecretAgreement(_managed);
        }
        else
        {
            using var key = ImportManaged(Point);
            using var publicKey = key.PublicKey;
            raw = pair.DeriveRawSecretAgreement(publicKey);
        }

        raw.CopyTo(secret);
        CryptographicOperations.ZeroMemory(raw);
    }

    /// <summary>The pair's public point, uncompressed, into 65 bytes.</summary>
    internal static void WritePublicPoint(ECDiffieHellman pair, Span<byte> destination)
    {
        var q = pair.ExportParameters(includePrivateParameters: false).Q;
        destination[0] = 0x04;
        q.X.CopyTo(destination[1..]);
        q.Y.CopyTo(destination[33..]);
    }

    private static ECDiffieHellman ImportManaged(ReadOnlySpan<byte> point) => ECDiffieHellman.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..].ToArray() },
    });
}
