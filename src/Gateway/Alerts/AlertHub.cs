using EarlyWarning.Domain.Geo;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// <c>/hubs/alerts</c>. Alerts are pushed by <see cref="HubAlertSink"/>; clients call
/// <see cref="Acknowledge"/> and <see cref="UpdateLocation"/> (alert receivers only). Every
/// argument is checked and every call counted against the subscriber's token buckets on this
/// gateway (<see cref="HubConnectionLimits"/>) before a grain is called; a refusal is a <see cref="HubException"/>.
/// </summary>
[Authorize]
public sealed class AlertHub(
    IGrainFactory grains, SubscriberService subscribers, AlertMetrics metrics, IAuthorizationService authorization,
    LocalConnections local) : Hub
{
    /// <summary>An alert receiver's <see cref="HubConnectionLimits"/>; absent for a user who may not call the receivers' methods.</summary>
    private const string LimitsItem = "receiver-limits";

    /// <summary>
    /// Registers the connection for what it receives, then sends it <see cref="HubMethods.Live"/>.
    /// SignalR answers the handshake before this runs, so a client that read its state as soon as
    /// it connected may have missed what went out in between (the likely reason 68 of 10 000
    /// phones of a load run once got no live <c>new</c>); <c>live</c> tells it when nothing more
    /// can be missed, and the pages read their state again then.
    /// </summary>
    public override async Task OnConnectedAsync()
    {
        var staff = Context.User is { } user && (user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Supervisor));
        var subscriberId = staff ? null : Context.UserIdentifier;
        HubConnectionLimits? subscriberLimits = null;
        if (subscriberId is not null)
        {
            // Before any await: alerts are written to the connections this gateway holds
            // (LocalAlertDelivery), never through a backplane group, so no Redis subscription per
            // subscriber, and the gateway that writes an alert knows it reached a live connection.
            subscriberLimits = local.Add(subscriberId, Context.ConnectionId);
        }

        try
        {
            // The token's claims are fixed for the connection's life, so the receiver policy is
            // evaluated once here; per-method [Authorize] would evaluate it on every location update.
            var receiver = await authorization.AuthorizeAsync(Context.User!, Policies.AlertReceiver);
            if (receiver.Succeeded && subscriberLimits is not null)
            {
                // Shared by the subscriber's connections here: fifty sockets are not fifty times the moves.
                Context.Items[LimitsItem] = subscriberLimits;
            }

            if (staff)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, HubMethods.ControlRoomGroup);

                // Whole cases (caseUpdated, as API.md first promised) unless the client opted in to deltas.
                await Groups.AddToGroupAsync(Context.ConnectionId, ControlRoomDeltas.WantsDeltas(Context.GetHttpContext())
                    ? HubMethods.ControlRoomDeltasGroup
                    : HubMethods.ControlRoomCasesGroup);
            }

            await base.OnConnectedAsync();
            await Clients.Caller.SendAsync(HubMethods.Live);
        }
        catch
        {
            // A connection refused here is never disconnected (SignalR skips OnDisconnectedAsync).
            if (subscriberId is not null)
            {
                local.Remove(subscriberId, Context.ConnectionId);
            }

            throw;
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.UserIdentifier is { } subscriberId)
        {
            local.Remove(subscriberId, Context.ConnectionId);
        }

        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The caller has seen the alert for <paramref name="caseId"/> at <paramref name="version"/>:
    /// accepted only from a subscriber its ledger says was alerted for the case, for a version
    /// the case has had; counted once per subscriber however often it is sent.
    /// </summary>
    public async Task Acknowledge(string caseId, long version)
    {
        DemandReceiver(nameof(Acknowledge)).TakeAcknowledgement();
        if (!CaseId.IsValid(caseId))
        {
            throw new HubException("caseId is not a case id: it is the caseId of the alert being acknowledged.");
        }

        if (version < 1)
        {
            throw new HubException("version must be 1 or more: it is the version of the alert being acknowledged.");
        }

        if (Context.UserIdentifier is not { } subscriberId)
        {
            throw new HubException("This connection has no subscriber.");
        }

        if (!(await grains.GetGrain<ISubscriberGrain>(subscriberId).GetAlertedCases()).Contains(caseId))
        {
            throw new HubException("You have no alert for this case to acknowledge.");
        }

        // Counted by the case's tally. One that has not heard of the case yet (a case stored
        // before tallies, not active since) learns it when the case is read.
        var tally = grains.GetGrain<ICaseTallyGrain>(caseId);
        var refusal = await tally.RecordAcknowledgement(subscriberId, version);
        if (refusal == CaseRefusal.NotFound && await grains.GetGrain<ICaseGrain>(caseId).GetCase() is not null)
        {
            refusal = await tally.RecordAcknowledgement(subscriberId, version);
        }

        switch (refusal)
        {
            case CaseRefusal.None:
                metrics.Acknowledged();
                break;
            case CaseRefusal.UnknownVersion:
                throw new HubException("version is above the case's current version.");
            default:
                throw new HubException("No case has this id.");
        }
    }

    /// <summary>Moves the caller, as <c>PUT /api/subscribers/me/location</c> does.</summary>
    public async Task UpdateLocation(double lat, double lon)
    {
        DemandReceiver(nameof(UpdateLocation)).TakeLocation();
        if (!GeoPoint.IsValidLat(lat) || !GeoPoint.IsValidLon(lon))
        {
            throw new HubException("lat must be within ±90 and lon within ±180 degrees.");
        }

        if (!await subscribers.UpdateLocation(Context.User!, lat, lon))
        {
            throw new HubException("No subscription for this token.");
        }
    }

    /// <summary>Refuses a control-room user with the error SignalR gives for a method it may not call; returns the receiver's limits.</summary>
    private HubConnectionLimits DemandReceiver(string method) =>
        Context.Items.TryGetValue(LimitsItem, out var item) && item is HubConnectionLimits connectionLimits
            ? connectionLimits
            : throw new HubException($"Failed to invoke '{method}' because user is unauthorized");
}
