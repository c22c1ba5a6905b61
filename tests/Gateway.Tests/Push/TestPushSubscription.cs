using System.Buffers.Text;
using System.Security.Cryptography;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// What a browser makes when it subscribes: a P-256 key pair and a 16-byte auth secret, kept here
/// so the test can decrypt what the gateway sends (RFC 8291), and the endpoint on the tests' own
/// push service.
/// </summary>
public sealed class TestPushSubscription : IDisposable
{
    public TestPushSubscription(string endpoint)
    {
        Endpoint = endpoint;
        Key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = Key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
        Auth = RandomNumberGenerator.GetBytes(16);
    }

    public string Endpoint { get; }

    public ECDiffieHellman Key { get; }

    public byte[] PublicKey { get; }

    public byte[] Auth { get; }

    /// <summary>The body of <c>PUT /api/subscribers/me/push</c>, as <c>PushSubscription.toJSON()</c> gives it.</summary>
    public object ToJson() => new
    {
        endpoint = Endpoint,
        expirationTime = (double?)null,
        keys = new { p256dh = Base64Url.EncodeToString(PublicKey), auth = Base64Url.EncodeToString(Auth) },
    };

    public void Dispose() => Key.Dispose();
}
