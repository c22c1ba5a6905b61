using System.Collections.Concurrent;
using System.Security.Claims;
using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// This gateway's open hub connections, so that they can be closed when the cluster comes back:
/// what was pushed during the outage may not have reached them, and the pages read the state
/// again on reconnecting (hub.js <c>resync</c>), which is how they catch up.
/// </summary>
public sealed class OpenHubConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    public void Opened(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _open[context.ConnectionId] = context;
    }

    public void Closed(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _open.TryRemove(context.ConnectionId, out _);
    }

    /// <summary>
    /// Closes the control room's open connections, and the subscribers' too when <paramref name="subscribers"/>
    /// (clients reconnect and resync); returns how many.
    /// </summary>
    public int CloseAll(bool subscribers) =>
        // The control room's live events go over the backplane's pub/sub, which keeps nothing for later.
        Close(user => subscribers || user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Supervisor));

    /// <summary>Closes the open connections whose user <paramref name="which"/> picks; returns how many.</summary>
    public int Close(Func<ClaimsPrincipal, bool> which)
    {
        ArgumentNullException.ThrowIfNull(which);
        var closed = 0;
        foreach (var (_, context) in _open)
        {
            if (context.User is { } user && which(user))
            {
                context.Abort();
                closed++;
            }
        }

        return closed;
    }
}
