using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EarlyWarning.Gateway.Auth;

/// <summary>Issues the gateway's JWTs: <c>sub</c> is the user (or subscriber) id, <c>role</c> its role.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, SigningKeyProvider keys, TimeProvider time)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public const string LanguageClaim = "lang";

    /// <summary>An account's <see cref="Account.Stamp"/>; subscriber tokens have none.</summary>
    public const string StampClaim = "stamp";

    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(string subject, string role, string? language, TimeSpan lifetime, string? stamp = null)
    {
        var auth = options.Value;
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new Dictionary<string, object> { [SubjectClaim] = subject, [RoleClaim] = role, [NameClaim] = subject };
        if (language is not null)
        {
            claims[LanguageClaim] = language;
        }

        if (stamp is not null)
        {
            claims[StampClaim] = stamp;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }

    public static string? SubjectOf(ClaimsPrincipal user) => user.FindFirstValue(SubjectClaim);
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);
