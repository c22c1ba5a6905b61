using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// RFC 8291 (Message Encryption for Web Push) over RFC 8188's <c>aes128gcm</c>, with .NET's HKDF
/// and AES-GCM, and ECDH through <see cref="SubscriberKey"/> (libcrypto directly where it can, else
/// .NET's): one record, the payload followed by the last-record delimiter 0x02 and no padding.
/// Every message gets a key pair and a salt of its own (RFC 8291 §2), never reused.
/// Written here rather than left to Lib.Net.Http.WebPush, which made two key pairs a message (one
/// only to import the subscriber's key through PEM): see benchmarks/RESULTS.md, "Web Push".
/// </summary>
public static class WebPushEncryption
{
    /// <summary>The record size written in the header (RFC 8188 §2.1); one record holds any payload up to it.</summary>
    public const int RecordSize = 4096;

    /// <summary>An uncompressed P-256 point: 0x04, X, Y.</summary>
    public const int PublicKeyLength = 65;

    /// <summary>The subscription's auth secret (RFC 8291 §3.2).</summary>
    public const int AuthSecretLength = 16;

    /// <summary>salt (16) | rs (4) | idlen (1) | keyid (the sender's public key, 65).</summary>
    public const int HeaderLength = SaltLength + 4 + 1 + PublicKeyLength;

    /// <summary>The largest payload one record holds (the delimiter and the tag take 17 of <see cref="RecordSize"/>).</summary>
    public const int MaxPlaintextLength = RecordSize - 1 - TagLength;

    private const int SaltLength = 16;
    private const int TagLength = 16;
    private const int KeyLength = 16;
    private const int NonceLength = 12;
    private const int SecretLength = 32;

    private static ReadOnlySpan<byte> KeyInfoPrefix => "WebPush: info\0"u8;

    private static ReadOnlySpan<byte> CekInfo => "Content-Encoding: aes128gcm\0"u8;

    private static ReadOnlySpan<byte> NonceInfo => "Content-Encoding: nonce\0"u8;

    /// <summary>
    /// The <c>aes128gcm</c> body of one push message to the subscription whose <c>p256dh</c> is
    /// <paramref name="userAgentPublicKey"/> and <c>auth</c> is <paramref name="authSecret"/>, under a
    /// fresh P-256 key pair and salt.
    /// </summary>
    /// <exception cref="CryptographicException">The subscription's key is not a point on P-256.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret) =>
        Encrypt(plaintext, SubscriberKey.Import(userAgentPublicKey), authSecret);

    /// <summary>The same with the subscriber's key already imported (<see cref="SubscriberKeyCache"/>).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, SubscriberKey userAgent, ReadOnlySpan<byte> authSecret)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        Span<byte> salt = stackalloc byte[SaltLength];
        RandomNumberGenerator.Fill(salt);
        return Encrypt(plaintext, userAgent, authSecret, salt, userAgent.AgreeWithFreshPair);
    }

    /// <summary>The same with the sender's key pair and salt given: for the RFC's known answer only, never to reuse either.</summary>
    internal static byte[] Encrypt(
        ReadOnlySpan<byte> plaintext, SubscriberKey userAgent, ReadOnlySpan<byte> authSecret, ECDiffieHellman applicationServer, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        ArgumentNullException.ThrowIfNull(applicationServer);
        return Encrypt(plaintext, userAgent, authSecret, salt, (publicPoint, secret) =>
        {
            SubscriberKey.WritePublicPoint(applicationServer, publicPoint);
            userAgent.Agree(applicationServer, secret);
        });
    }

    private delegate void KeyAgreement(Span<byte> senderPublicPoint, Span<byte> secret);

    private static byte[] Encrypt(
        ReadOnlySpan<byte> plaintext, SubscriberKey userAgent, ReadOnlySpan<byte> authSecret, ReadOnlySpan<byte> salt, KeyAgreement agree)
    {
        if (authSecret.Length != AuthSecretLength)
        {
            throw new CryptographicException("The subscription's auth secret is not 16 bytes.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(plaintext.Length, MaxPlaintextLength);
        ArgumentOutOfRangeException.ThrowIfNotEqual(salt.Length, SaltLength);

        var body = new byte[HeaderLength + plaintext.Length + 1 + TagLength];
        var header = body.AsSpan(0, HeaderLength);
        salt.CopyTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header[SaltLength..], RecordSize);
        header[SaltLength + 4] = PublicKeyLength;
        var asPublic = header[(SaltLength + 5)..];

        // RFC 8291 §3.3: ecdh_secret; §3.4: IKM = HKDF(auth, ecdh_secret, "WebPush: info" 0 ua_public as_public, 32).
        Span<byte> secret = stackalloc byte[SecretLength];
        agree(asPublic, secret);
        Span<byte> keyInfo = stackalloc byte[KeyInfoPrefix.Length + (2 * PublicKeyLength)];
        KeyInfoPrefix.CopyTo(keyInfo);
        userAgent.Point.CopyTo(keyInfo[KeyInfoPrefix.Length..]);
        asPublic.CopyTo(keyInfo[(KeyInfoPrefix.Length + PublicKeyLength)..]);
        Span<byte> prk = stackalloc byte[SecretLength];
        Span<byte> ikm = stackalloc byte[SecretLength];
        HKDF.Extract(HashAlgorithmName.SHA256, secret, authSecret, prk);
        HKDF.Expand(HashAlgorithmName.SHA256, prk, ikm, keyInfo);

        // RFC 8188 §2.2–2.3: the content key and nonce from the salt (one record: the nonce as is).
        HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt, prk);
        Span<byte> cek = stackalloc byte[KeyLength];
        Span<byte> nonce = stackalloc byte[NonceLength];
        HKDF.Expand(HashAlgorithmName.SHA256, prk, cek, CekInfo);
        HKDF.Expand(HashAlgorithmName.SHA256, prk, nonce, NonceInfo);

        // The record, sealed in place: the payload, then 0x02 (the last record's delimiter), then the tag.
        var record = body.AsSpan(HeaderLength, plaintext.Length + 1);
        plaintext.CopyTo(record);
        record[^1] = 0x02;
        using (var aes = new AesGcm(cek, TagLength))
        {
            aes.Encrypt(nonce, record, record, body.AsSpan(HeaderLength + record.Length, TagLength));
        }

        CryptographicOperations.ZeroMemory(secret);
        CryptographicOperations.ZeroMemory(prk);
        CryptographicOperations.ZeroMemory(ikm);
        CryptographicOperations.ZeroMemory(cek);
        return body;
    }
}
