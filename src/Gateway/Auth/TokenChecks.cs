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

        var account = context.HttpContext.RequestServices.GetRequiredService<AccountStore>().Find(subject);
        if (account is null || account.Role != role || account.Stamp != user.FindFirst(TokenIssuer.StampClaim)?.Value)
        {
            context.Fail("The account was removed or changed since the token was issued.");
        }
    }
}
