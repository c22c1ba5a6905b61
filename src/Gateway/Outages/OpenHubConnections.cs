using System.Collections.Concurrent;
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

    /// <summary>Closes every open connection (clients reconnect and resync); returns how many.</summary>
    public int CloseAll()
    {
        var closed = 0;
        foreach (var (_, context) in _open)
        {
            context.Abort();
            closed++;
        }

        return closed;
    }
}
