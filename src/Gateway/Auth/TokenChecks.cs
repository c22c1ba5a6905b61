using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// What a valid signature does not prove, checked on every request after the (cached) validation:
/// an account's token carries the account's current <see cref="Account.Stamp"/>, and a public
/// subscriber's token a subscription that still exists. A refusal is a 401, on REST and hub alike.
/// </summary>
public static class TokenChecks
{
    public static async Task Validate(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Principal!;
        var subject = TokenIssuer.SubjectOf(user);
        var role = user.FindFirst(TokenIssuer.RoleClaim)?.Value;
        if (subject is null || role is null)
        {
            context.Fail("The token names no subject or role.");
            return;
        }

        if (role == Roles.Subscriber)
        {
            var subscribers = context.HttpContext.RequestServices.GetRequiredService<SubscriberStatus>();
            if (!await subscribers.IsSubscribed(subject))
            {
                context.Fail("The subscription was deleted.");
            }

            return;
        }

        if (!AccountStillHolds(context.HttpContext.RequestServices.GetRequiredService<AccountStore>(), user))
        {
            context.Fail("The account was removed or changed since the token was issued.");
        }
    }

    /// <summary>
    /// Whether a staff or field token's account still exists with the token's role and stamp (false
    /// for a token naming no subject or role; a subscriber's token is not an account's).
    /// </summary>
    public static bool AccountStillHolds(AccountStore accounts, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(user);
        var subject = TokenIssuer.SubjectOf(user);
        var role = user.FindFirst(TokenIssuer.RoleClaim)?.Value;
        return subject is not null && role is not null
            && accounts.Find(subject) is { } account
            && account.Role == role
            && account.Stamp == user.FindFirst(TokenIssuer.StampClaim)?.Value;
    }
}
