using System.Security.Cryptography;
using System.Text;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// The user agent's side of RFC 8291 (Message Encryption for Web Push) over RFC 8188's aes128gcm,
/// written here from the RFCs with .NET's own ECDH, HKDF and AES-GCM, independent of the library
/// the gateway sends with.
/// </summary>
public static class WebPushDecryption
{
    public static byte[] Decrypt(byte[] body, TestPushSubscription subscription)
    {
        // RFC 8188 §2.1 header: salt (16) | rs (4, big-endian) | idlen (1) | keyid (idlen: the sender's ephemeral public key).
        var salt = body[..16];
        var recordSize = (body[16] << 24) | (body[17] << 16) | (body[18] << 8) | body[19];
        var idLength = body[20];
        var senderPublic = body[21..(21 + idLength)];
        var ciphertext = body[(21 + idLength)..];
        Assert.Equal(65, idLength);
        Assert.True(ciphertext.Length <= recordSize, "one record holds the whole message");

        // RFC 8291 §3.3–3.4: ecdh_secret, then IKM = HKDF(auth, ecdh_secret, "WebPush: info" 0 ua_public as_public, 32).
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..] },
        });
        var ecdhSecret = subscription.Key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info"u8, 0, .. subscription.PublicKey, .. senderPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, subscription.Auth, keyInfo);

        // RFC 8188 §2.2–2.3: CEK and nonce from the salt.
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, [.. "Content-Encoding: aes128gcm"u8, 0]);
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, [.. "Content-Encoding: nonce"u8, 0]);

        var sealedText = ciphertext[..^16];
        var tag = ciphertext[^16..];
        var plain = new byte[sealedText.Length];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Decrypt(nonce, sealedText, tag, plain);
        }

        // The last record ends with the delimiter 0x02, then zero padding.
        var end = Array.LastIndexOf(plain, (byte)2);
        Assert.True(end >= 0 && plain.AsSpan(end + 1).IndexOfAnyExcept((byte)0) < 0, "the last record's delimiter is 0x02 followed by padding");
        return plain[..end];
    }

    public static string DecryptText(byte[] body, TestPushSubscription subscription) => Encoding.UTF8.GetString(Decrypt(body, subscription));
}
