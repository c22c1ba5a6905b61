using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using EarlyWarning.Gateway.Push;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// The gateway's own RFC 8291 encryption: the RFC's worked example byte for byte, and every message
/// under a key pair and salt of its own that the subscriber's key decrypts (with the tests'
/// independent <see cref="WebPushDecryption"/>).
/// </summary>
[Trait("Category", "Push")]
public sealed class WebPushEncryptionTests
{
    // RFC 8291 §5 and appendix A.
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string AsPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string AsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string UaPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string Body =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
        + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
        + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_RFC_8291_example_encrypts_to_the_RFCs_body_byte_for_byte(bool throughLibcrypto)
    {
        var asPublic = Base64Url.DecodeFromChars(AsPublic);
        using var applicationServer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url.DecodeFromChars(AsPrivate),
            Q = new ECPoint { X = asPublic[1..33], Y = asPublic[33..] },
        });

        var body = WebPushEncryption.Encrypt(
            Encoding.UTF8.GetBytes(Plaintext), Key(Base64Url.DecodeFromChars(UaPublic), throughLibcrypto), Base64Url.DecodeFromChars(AuthSecret),
            applicationServer, Base64Url.DecodeFromChars(Salt));

        Assert.Equal(Body, Base64Url.EncodeToString(body));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_message_has_a_key_pair_and_salt_of_its_own_and_decrypts_with_the_subscribers_key(bool throughLibcrypto)
    {
        using var subscription = new TestPushSubscription("https://push.example.invalid/p");
        var key = Key(subscription.PublicKey, throughLibcrypto);
        var salts = new HashSet<string>(StringComparer.Ordinal);
        var senders = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 200; i++)
        {
            var text = $"{{\"kind\":\"update\",\"version\":{i},\"headline\":\"Изгубено дете {i}\"}}";
            var body = WebPushEncryption.Encrypt(Encoding.UTF8.GetBytes(text), key, subscription.Auth);

            Assert.Equal(text, WebPushDecryption.DecryptText(body, subscription));
            Assert.True(salts.Add(Convert.ToHexString(body, 0, 16)), $"message {i} reused a salt");
            Assert.True(senders.Add(Convert.ToHexString(body, 21, 65)), $"message {i} reused a key pair");
            Assert.Equal(0x04, body[21]);
            Assert.NotEqual(subscription.PublicKey, body[21..86]);
        }
    }

    [Fact]
    public void The_header_names_a_4096_byte_record_and_the_body_is_the_payload_plus_103_bytes()
    {
        using var subscription = new TestPushSubscription("https://push.example.invalid/p");
        var payload = new byte[2048];
        Random.Shared.NextBytes(payload);

        var body = WebPushEncryption.Encrypt(payload, subscription.PublicKey, subscription.Auth);

        Assert.Equal([0, 0, 0x10, 0], body[16..20]);
        Assert.Equal(65, body[20]);
        Assert.Equal(payload.Length + 86 + 1 + 16, body.Length);
        Assert.Equal(payload, WebPushDecryption.Decrypt(body, subscription));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_subscriber_key_off_the_curve_or_of_the_wrong_length_is_refused(bool throughLibcrypto)
    {
        using var subscription = new TestPushSubscription("https://push.example.invalid/p");
        var offCurve = (byte[])subscription.PublicKey.Clone();
        offCurve[64] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => Key(offCurve, throughLibcrypto));
        Assert.ThrowsAny<CryptographicException>(() => Key(new byte[65], throughLibcrypto));

        Assert.ThrowsAny<CryptographicException>(() => WebPushEncryption.Encrypt("x"u8, offCurve, subscription.Auth));
        Assert.ThrowsAny<CryptographicException>(() => WebPushEncryption.Encrypt("x"u8, subscription.PublicKey.AsSpan(0, 33), subscription.Auth));
        Assert.ThrowsAny<CryptographicException>(() => WebPushEncryption.Encrypt("x"u8, subscription.PublicKey, subscription.Auth.AsSpan(0, 8)));
    }

    [Fact]
    public void On_linux_agreements_go_through_libcrypto_and_agree_with_dotnet()
    {
        // The self-test behind IsAvailable compares an agreement with .NET's; the encryption tests
        // above decrypt with .NET's ECDH what went through libcrypto.
        Assert.Equal(OperatingSystem.IsLinux(), OpenSslP256.IsAvailable);
        using var subscription = new TestPushSubscription("https://push.example.invalid/p");
        Assert.Equal(OperatingSystem.IsLinux(), SubscriberKey.Import(subscription.PublicKey).IsNative);
    }

    // Through libcrypto where it is here (Linux); elsewhere both cases take .NET's path.
    private static SubscriberKey Key(byte[] point, bool throughLibcrypto) => SubscriberKey.Import(point, throughLibcrypto && OpenSslP256.IsAvailable);
}
