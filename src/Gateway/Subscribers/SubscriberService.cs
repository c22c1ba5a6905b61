using System.Security.Claims;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Subscribers;

/// <summary>What the REST routes and the hub share about the calling subscriber.</summary>
public sealed class SubscriberService(IGrainFactory grains, TileMoves tileMoves, AccountStore accounts, IOptions<AuthOptions> options)
{
    /// <summary>
    /// The alerts the caller holds now, for catch-up after a reconnect: one per active case that
    /// alerted it, as an <c>update</c> describing the zone as it stands. Null when not subscribed.
    /// </summary>
    public async Task<AlertMessage[]?> ActiveAlerts(ClaimsPrincipal user)
    {
        if (TokenIssuer.SubjectOf(user) is not { } id || await grains.GetGrain<ISubscriberGrain>(id).GetProfile() is not { } profile)
        {
            // A field team that has not reported a position yet simply holds no alerts.
            return user.IsInRole(Roles.Field) ? [] : null;
        }

        var caseIds = await grains.GetGrain<ISubscriberGrain>(id).GetAlertedCases();
        var zones = await Task.WhenAll(caseIds.Select(c => grains.GetGrain<ICaseGrain>(c).GetZone()));
        // An exercise is caught up only by those who opt in to exercises now, as tiles match them.
        return [.. zones
            .Where(z => z?.Child is not null && (!z.Exercise || profile.Exercises))
            .Select(z => CatchUp(id, profile, z!))
            .OrderByDescending(m => m.IssuedAt)];
    }

    private static AlertMessage CatchUp(string subscriberId, SubscriberProfile profile, ZoneSnapshot zone)
    {
        var distanceKm = profile.Lat is { } lat && profile.Lon is { } lon ? zone.ToZone().DistanceKm(new GeoPoint(lat, lon)) : 0;
        var batch = new AlertBatch(zone.CaseId, zone.Version, zone.Level, zone.ComputedAt, zone.Child, zone.Anchors,
            [new AlertRecipient(subscriberId, AlertKind.Update, profile.Language, distanceKm)], zone.Exercise);
        return AlertComposer.Compose(batch).Single().Message;
    }

    /// <summary>
    /// Moves the caller. A field account is subscribed on its first position; a public subscriber
    /// must exist. False when there is no subscription to move.
    /// </summary>
    /// <remarks>
    /// A field account's every move subscribes it afresh with the configured profile (language,
    /// radius, exercises): the same grain call as a move, and <c>Auth:FieldExercises</c> reaches
    /// teams subscribed before it was set, or before exercises existed, at their next position.
    /// </remarks>
    public async Task<bool> UpdateLocation(ClaimsPrincipal user, double lat, double lon)
    {
        if (TokenIssuer.SubjectOf(user) is not { } id)
        {
            return false;
        }

        // Most moves stay within the subscriber's tile: they end there, batched with others.
        var isField = user.IsInRole(Roles.Field);
        if (!isField && await tileMoves.Move(id, lat, lon))
        {
            return true;
        }

        if (isField)
        {
            return await SubscribeField(user, lat, lon);
        }

        return await grains.GetGrain<ISubscriberGrain>(id).UpdateLocation(lat, lon);
    }

    /// <summary>
    /// Opts the calling public subscriber in to exercises or out of them. False when not subscribed.
    /// </summary>
    /// <remarks>
    /// The subscriber's grain places it again with its latest position and the new flag, so its
    /// tile's index entry holds the flag too and an exercise already running reaches a subscriber
    /// opting in; in one grain call, so a concurrent unsubscribe is never undone.
    /// </remarks>
    public async Task<bool> SetExercises(ClaimsPrincipal user, bool exercises) =>
        TokenIssuer.SubjectOf(user) is { } id && await grains.GetGrain<ISubscriberGrain>(id).SetExercises(exercises);

    /// <summary>
    /// Subscribes the calling field account with its configured language and watch radius, at a
    /// position or (before its first one) nowhere yet. False when the caller is not a field account.
    /// </summary>
    public async Task<bool> SubscribeField(ClaimsPrincipal user, double? lat, double? lon)
    {
        if (!user.IsInRole(Roles.Field) || TokenIssuer.SubjectOf(user) is not { } id)
        {
            return false;
        }

        var language = accounts.Find(id)?.Language ?? options.Value.FieldLanguage;
        await grains.GetGrain<ISubscriberGrain>(id).Subscribe(
            new SubscriberProfile(SubscriberKind.Field, language, options.Value.FieldWatchRadiusKm, lat, lon, options.Value.FieldExercises));
        return true;
    }
}
