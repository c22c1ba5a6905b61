using System.Security.Cryptography;
using System.Text;
using EarlyWarning.Domain.Partners;
using Xunit;

namespace EarlyWarning.Domain.Tests.Partners;

[Trait("Category", "Interop")]
public sealed class WebhookSignatureTests
{
    private const string Secret = "a-partners-shared-secret";

    [Fact]
    public void The_signature_is_hmac_sha256_of_the_timestamp_a_dot_and_the_body_in_lower_case_hex()
    {
        // The recipe of docs/API.md, computed independently here.
        var expected = "sha256=" + Convert.ToHexString(
            new HMACSHA256(Encoding.UTF8.GetBytes(Secret)).ComputeHash(Encoding.UTF8.GetBytes("1764000000.<alert/>"))).ToLowerInvariant();

        Assert.Equal(expected, WebhookSignature.Compute(Secret, 1_764_000_000, "<alert/>"));
    }

    [Fact]
    public void Another_timestamp_body_or_secret_does_not_verify()
    {
        var signature = WebhookSignature.Compute(Secret, 1_764_000_000, "<alert/>");

        Assert.True(WebhookSignature.Verify(Secret, 1_764_000_000, "<alert/>", signature));
        Assert.False(WebhookSignature.Verify(Secret, 1_764_000_001, "<alert/>", signature));
        Assert.False(WebhookSignature.Verify(Secret, 1_764_000_000, "<alert />", signature));
        Assert.False(WebhookSignature.Verify("another-secret-of-16", 1_764_000_000, "<alert/>", signature));
        Assert.False(WebhookSignature.Verify(Secret, 1_764_000_000, "<alert/>", null));
    }
}
