using System.Security.Claims;
using System.Security.Cryptography;
using EarlyWarning.Gateway.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EarlyWarning.Gateway.Tests.Auth;

public sealed class CachedTokenValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_token_seen_before_is_refused_once_it_expires()
    {
        var cache = new CachedTokenValidation(_time);
        var token = Token(expires: Start.AddMinutes(10));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.False((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
    }

    [Fact]
    public async Task A_cached_token_with_another_signature_is_refused()
    {
        var cache = new CachedTokenValidation(_time);
        var token = Token(expires: Start.AddMinutes(10));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        Assert.False((await cache.ValidateTokenAsync(forged, Parameters())).IsValid);
    }

    [Fact]
    public async Task Each_request_gets_its_own_identity_with_the_token_claims()
    {
        var cache = new CachedTokenValidation(_time);
        var token = Token(expires: Start.AddMinutes(10));
        var first = await cache.ValidateTokenAsync(token, Parameters());
        first.ClaimsIdentity.AddClaim(new Claim("added", "by one request"));

        var second = await cache.ValidateTokenAsync(token, Parameters());

        Assert.True(second.IsValid);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Null(second.ClaimsIdentity.FindFirst("added"));
        Assert.Equal("sub-1", second.ClaimsIdentity.FindFirst("sub")?.Value);
    }

    private string Token(DateTimeOffset expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "test",
        Audience = "test",
        Subject = new ClaimsIdentity([new Claim("sub", "sub-1")]),
        IssuedAt = Start.UtcDateTime,
        NotBefore = Start.UtcDateTime,
        Expires = expires.UtcDateTime,
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
    });

    // Lifetimes are checked against the fake clock on both paths: the cache's and IdentityModel's.
    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "test",
        ValidAudience = "test",
        IssuerSigningKey = _key,
        ClockSkew = TimeSpan.Zero,
        LifetimeValidator = (notBefore, expires, _, _) => _time.GetUtcNow().UtcDateTime is var now && now >= notBefore && now < expires,
    };
}
