using EarlyWarning.Domain.Geo;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Subscribers;
using EarlyWarning.Grains.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// <c>/hubs/alerts</c>. Alerts are pushed by <see cref="HubAlertSink"/>; clients call
/// <see cref="Acknowledge"/> and <see cref="UpdateLocation"/> (alert receivers only).
/// </summary>
[Authorize]
public sealed class AlertHub(IGrainFactory grains, SubscriberService subscribers, AlertMetrics metrics, IAuthorizationService authorization) : Hub
{
    /// <summary>Whether the connection's user may call the receivers' methods, decided once at connect.</summary>
    private const string ReceiverItem = "alert-receiver";

    public override async Task OnConnectedAsync()
    {
        // The token's claims are fixed for the connection's life, so the receiver policy is
        // evaluated once here; per-method [Authorize] would evaluate it on every location update.
        var receiver = await authorization.AuthorizeAsync(Context.User!, Policies.AlertReceiver);
        Context.Items[ReceiverItem] = receiver.Succeeded;

        if (Context.User is { } user && (user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Supervisor)))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubMethods.ControlRoomGroup);
        }
        else if (Context.UserIdentifier is { } subscriberId)
        {
            // Alerts go to this group, not Clients.User: without a backplane, a send to a user
            // scans every connection, and a fan-out sends to every recipient.
            await Groups.AddToGroupAsync(Context.ConnectionId, HubMethods.SubscriberGroup(subscriberId));
        }

        await base.OnConnectedAsync();
    }

    /// <summary>The caller has seen the alert for <paramref name="caseId"/> at <paramref name="version"/>.</summary>
    public async Task Acknowledge(string caseId, long version)
    {
        DemandReceiver(nameof(Acknowledge));
        if (string.IsNullOrWhiteSpace(caseId) || Context.UserIdentifier is not { } subscriberId)
        {
            throw new HubException("caseId is required.");
        }

        await grains.GetGrain<ICaseGrain>(caseId).RecordAcknowledgement(subscriberId, version);
        metrics.Acknowledged();
    }

    /// <summary>Moves the caller, as <c>PUT /api/subscribers/me/location</c> does.</summary>
    public async Task UpdateLocation(double lat, double lon)
    {
        DemandReceiver(nameof(UpdateLocation));
        if (!GeoPoint.IsValidLat(lat) || !GeoPoint.IsValidLon(lon))
        {
            throw new HubException("lat must be within ±90 and lon within ±180 degrees.");
        }

        if (!await subscribers.UpdateLocation(Context.User!, lat, lon))
        {
            throw new HubException("No subscription for this token.");
        }
    }

    /// <summary>Refuses a control-room user with the error SignalR gives for a method it may not call.</summary>
    private void DemandReceiver(string method)
    {
        if (Context.Items[ReceiverItem] is not true)
        {
            throw new HubException($"Failed to invoke '{method}' because user is unauthorized");
        }
    }
}
