using EarlyWarning.Domain.Alerts;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// The subscribers' hub connections this gateway holds, by subscriber id: kept by
/// <see cref="AlertHub"/> as they connect and disconnect. Only the gateway holding a connection
/// can tell that an alert was written to it; with the Redis backplane no gateway sees another's.
/// Beside each subscriber's connections, the last version of each case written to them here: a
/// tile whose silo died before it stored the gateway's confirmation sends those subscribers
/// <c>new</c> again (it cannot tell whether the first one left), and a late copy of an older batch
/// may come after a newer one; this is where both are told apart (<see cref="Next"/>). Forgotten
/// with the subscriber's last connection.
/// </summary>
public sealed class LocalConnections(IOptions<HubRateLimitOptions> limits)
{
    private readonly ConcurrentDictionary<string, Held> _bySubscriber = new(StringComparer.Ordinal);

    /// <summary>Subscribers with at least one connection here.</summary>
    public int Subscribers => _bySubscriber.Count;

    /// <summary>
    /// Notes a connection of <paramref name="subscriberId"/> (a phone may hold several: tabs, the
    /// installed app); answers the hub-call limits its connections here share, so opening more
    /// connections does not buy more calls.
    /// </summary>
    public HubConnectionLimits Add(string subscriberId, string connectionId) =>
        _bySubscriber.AddOrUpdate(
            subscriberId,
            static (_, state) => new Held([state.ConnectionId], [], new HubConnectionLimits(state.Limits)),
            static (_, held, state) => held with { Connections = [.. held.Connections, state.ConnectionId] },
            (ConnectionId: connectionId, Limits: limits.Value)).Limits;

    /// <summary>Forgets a connection that closed; with the last one, what was written to the subscriber here.</summary>
    public void Remove(string subscriberId, string connectionId)
    {
        while (_bySubscriber.TryGetValue(subscriberId, out var held))
        {
            string[] left = [.. held.Connections.Where(c => c != connectionId)];
            if (left.Length == 0 && _bySubscriber.TryRemove(new KeyValuePair<string, Held>(subscriberId, held)))
            {
                held.Limits.Dispose();
                return;
            }

            if (left.Length > 0 && _bySubscriber.TryUpdate(subscriberId, held with { Connections = left }, held))
            {
                return;
            }
        }
    }

    /// <summary>The connections <paramref name="subscriberId"/> holds here, if any.</summary>
    public bool TryGet(string subscriberId, out string[] connectionIds)
    {
        var found = _bySubscriber.TryGetValue(subscriberId, out var held);
        connectionIds = found ? held!.Connections : [];
        return found;
    }

    /// <summary>
    /// The connections to write <paramref name="subscriberId"/>'s alert of <paramref name="caseId"/>
    /// at <paramref name="version"/> to, and as what, noting it: null for a subscriber without a
    /// connection here, and for an alert older than one written before or the version a cancel was
    /// written at (a late copy of a batch: its first sink timed out while another gateway's relay
    /// went first, so a <c>new</c> could follow the case's cancel); a <c>new</c> for a case written
    /// before goes as an <c>update</c> (a tile whose silo died sends it again); anything else as it is.
    /// </summary>
    public (string[] Connections, AlertKind Kind)? Next(string subscriberId, string caseId, long version, AlertKind kind)
    {
        while (_bySubscriber.TryGetValue(subscriberId, out var held))
        {
            var i = Array.FindIndex(held.Cases, c => c.CaseId == caseId);
            var mark = i >= 0 ? held.Cases[i] : null;
            if (mark is not null && (version < mark.Version || (version == mark.Version && mark.Cancelled)))
            {
                return null;
            }

            var noted = new CaseMark(caseId, version, kind == AlertKind.Cancel);
            CaseMark[] cases = i >= 0 ? [.. held.Cases[..i], noted, .. held.Cases[(i + 1)..]] : [.. held.Cases, noted];
            if (_bySubscriber.TryUpdate(subscriberId, held with { Cases = cases }, held))
            {
                return (held.Connections, kind == AlertKind.New && mark is not null ? AlertKind.Update : kind);
            }
        }

        return null;
    }

    /// <summary>A subscriber's connections here and, per case, the last version written to them.</summary>
    private sealed record Held(string[] Connections, CaseMark[] Cases, HubConnectionLimits Limits);

    /// <summary>The last version of a case written to a subscriber's connections here, and whether it was the cancel.</summary>
    private sealed record CaseMark(string CaseId, long Version, bool Cancelled);
}
