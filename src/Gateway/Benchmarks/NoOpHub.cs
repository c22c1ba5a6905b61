using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Benchmarks;

/// <summary>
/// <c>/hubs/noop</c>, mapped only when <c>Benchmarks:NoOpHub</c> is on in Development
/// (<see cref="NoOpHubSetup"/>): the same authenticated SignalR connection as <c>/hubs/alerts</c>
/// (a subscriber's token, the JSON or MessagePack protocol) and a method of the same shape as its
/// <c>UpdateLocation</c> that does nothing, so a load run measures what SignalR itself allows
/// on the machine: the ceiling the real location ingest is compared with.
/// </summary>
[Authorize(Policy = Policies.AlertReceiver)]
public sealed class NoOpHub : Hub
{
    /// <summary>Accepts the same arguments as the alert hub's <c>UpdateLocation</c>, and does nothing with them.</summary>
#pragma warning disable IDE0060, CA1822 // The arguments are read off the wire like the real method's; a hub method cannot be static.
    public Task UpdateLocation(double lat, double lon) => Task.CompletedTask;
#pragma warning restore IDE0060, CA1822
}
