using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// Validates a bearer token once and reuses the outcome for its later requests until it expires.
/// Full validation (parse, HMAC, claims) was the largest single cost of a REST call: a control
/// room or a phone sends the same token over and over. Only valid outcomes are kept; the key is
/// the whole token, signature included, and the signing key lives as long as the process.
/// </summary>
public sealed class CachedTokenValidation(TimeProvider time) : JsonWebTokenHandler
{
    /// <summary>Tokens kept; past it the expired ones go, and if that is not enough, all of them.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _valid = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var now = time.GetUtcNow().UtcDateTime;
        if (token is not null && _valid.TryGetValue(token, out var known))
        {
            if (now < known.ExpiresAt)
            {
                return known.Copy();
            }

            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || token is null)
        {
            return result;
        }

        if (_valid.Count >= Capacity)
        {
            Evict(now);
        }

        // The kept identity is never handed out, only copies of it.
        var validated = new Validated(result, result.SecurityToken.ValidTo + validationParameters.ClockSkew);
        _valid[token] = validated;
        return validated.Copy();
    }

    private void Evict(DateTime now)
    {
        foreach (var (token, validated) in _valid)
        {
            if (now >= validated.ExpiresAt)
            {
                _valid.TryRemove(token, out _);
            }
        }

        if (_valid.Count >= Capacity)
        {
            _valid.Clear();
        }
    }

    /// <summary>A valid outcome and the instant it stops being one (expiry plus the allowed skew).</summary>
    private sealed record Validated(TokenValidationResult Result, DateTime ExpiresAt)
    {
        /// <summary>Each request gets its own identity: a handler adding a claim must not reach other requests.</summary>
        public TokenValidationResult Copy() => new()
        {
            IsValid = true,
            SecurityToken = Result.SecurityToken,
            ClaimsIdentity = Result.ClaimsIdentity.Clone(),
            Issuer = Result.Issuer,
            TokenType = Result.TokenType,
        };
    }
}
