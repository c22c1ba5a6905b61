using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>RFC 8292 as a push service checks it: <c>Authorization: vapid t=&lt;JWT&gt;, k=&lt;public key&gt;</c>, an ES256 JWT for this origin.</summary>
public static class VapidCheck
{
    /// <summary>Checks the header against the gateway's public key and this service's origin; returns the JWT's claims.</summary>
    public static JsonElement Verify(string? authorization, string expectedPublicKey, string origin, DateTimeOffset now)
    {
        Assert.NotNull(authorization);
        Assert.StartsWith("vapid ", authorization, StringComparison.Ordinal);
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expectedPublicKey, parameters["k"]);

        var parts = parameters["t"].Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());

        var publicKey = Base64Url.DecodeFromChars(parameters["k"]);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
        });
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.True(
            key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            "the JWT's ES256 signature verifies against the gateway's VAPID public key");

        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal(origin, claims.GetProperty("aud").GetString());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.True(expires > now, "the token has not expired");
        Assert.True(expires <= now + TimeSpan.FromHours(24), "the token expires within 24 h (RFC 8292 §2)");
        Assert.StartsWith("mailto:", claims.GetProperty("sub").GetString(), StringComparison.Ordinal);
        return claims;
    }
}
