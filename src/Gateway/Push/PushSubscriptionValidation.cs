using System.Security.Cryptography;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Gateway.Push;

/// <summary>Checks a subscription before it is stored: the endpoint against the allow-list, the keys for length and curve.</summary>
public static class PushSubscriptionValidation
{
    private const int P256PointLength = 65;
    private const int AuthSecretLength = 16;

    /// <summary>The stored form of <paramref name="request"/>, or null with <paramref name="errors"/> naming each bad field.</summary>
    public static PushSubscriptionRecord? Validate(PushSubscriptionRequest request, PushEndpointPolicy policy, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(errors);
        if (policy.Refusal(request.Endpoint) is { } refusal)
        {
            errors.Add("endpoint", refusal);
        }

        var p256dh = PushKeyText.Decode(request.Keys?.P256dh);
        if (request.Keys?.P256dh is null)
        {
            errors.Add("keys.p256dh", "'keys.p256dh' is required.");
        }
        else if (p256dh is not { Length: P256PointLength } || p256dh[0] != 0x04 || !IsOnCurve(p256dh))
        {
            errors.Add("keys.p256dh", "'keys.p256dh' must be an uncompressed P-256 public key, base64url (65 bytes).");
        }

        var auth = PushKeyText.Decode(request.Keys?.Auth);
        if (request.Keys?.Auth is null)
        {
            errors.Add("keys.auth", "'keys.auth' is required.");
        }
        else if (auth is not { Length: AuthSecretLength })
        {
            errors.Add("keys.auth", $"'keys.auth' must be {AuthSecretLength} bytes, base64url.");
        }

        return errors.IsEmpty
            ? new PushSubscriptionRecord(request.Endpoint!, request.Keys!.P256dh!.TrimEnd('='), request.Keys.Auth!.TrimEnd('='))
            : null;
    }

    /// <summary>Whether the point lies on P-256: importing it fails otherwise (no encryption could use it).</summary>
    private static bool IsOnCurve(byte[] point)
    {
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
