using System.Security.Claims;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Subscribers;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Subscribers;

/// <summary>What the REST routes and the hub share about the calling subscriber.</summary>
public sealed class SubscriberService(IGrainFactory grains, AccountStore accounts, IOptions<AuthOptions> options)
{
    /// <summary>
    /// Moves the caller. A field account is subscribed on its first position; a public subscriber
    /// must exist. False when there is no subscription to move.
    /// </summary>
    public async Task<bool> UpdateLocation(ClaimsPrincipal user, double lat, double lon)
    {
        if (TokenIssuer.SubjectOf(user) is not { } id)
        {
            return false;
        }

        var grain = grains.GetGrain<ISubscriberGrain>(id);
        if (await grain.UpdateLocation(lat, lon))
        {
            return true;
        }

        if (!user.IsInRole(Roles.Field))
        {
            return false;
        }

        var language = accounts.Find(id)?.Language ?? options.Value.FieldLanguage;
        await grain.Subscribe(new SubscriberProfile(SubscriberKind.Field, language, options.Value.FieldWatchRadiusKm, lat, lon));
        return true;
    }
}
