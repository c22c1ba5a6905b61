using System.Collections.Concurrent;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// The subscribers' hub connections this gateway holds, by subscriber id: kept by
/// <see cref="AlertHub"/> as they connect and disconnect. Only the gateway holding a connection
/// can tell that an alert was written to it; with the Redis backplane no gateway sees another's.
/// Beside each subscriber's connections, the cases whose <c>new</c> was written to them here: a
/// tile whose silo died before it stored the gateway's confirmation sends those subscribers
/// <c>new</c> again (it cannot tell whether the first one left), and this is where the second is
/// told apart (<see cref="FirstNew"/>). Forgotten with the subscriber's last connection.
/// </summary>
public sealed class LocalConnections
{
    private readonly ConcurrentDictionary<string, Held> _bySubscriber = new(StringComparer.Ordinal);

    /// <summary>Subscribers with at least one connection here.</summary>
    public int Subscribers => _bySubscriber.Count;

    /// <summary>Notes a connection of <paramref name="subscriberId"/> (a phone may hold several: tabs, the installed app).</summary>
    public void Add(string subscriberId, string connectionId) =>
        _bySubscriber.AddOrUpdate(subscriberId, new Held([connectionId], []), (_, held) => held with { Connections = [.. held.Connections, connectionId] });

    /// <summary>Forgets a connection that closed; with the last one, what was written to the subscriber here.</summary>
    public void Remove(string subscriberId, string connectionId)
    {
        while (_bySubscriber.TryGetValue(subscriberId, out var held))
        {
            string[] left = [.. held.Connections.Where(c => c != connectionId)];
            var done = left.Length == 0
                ? _bySubscriber.TryRemove(new KeyValuePair<string, Held>(subscriberId, held))
                : _bySubscriber.TryUpdate(subscriberId, held with { Connections = left }, held);
            if (done)
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
    /// Notes that <paramref name="caseId"/>'s <c>new</c> goes to <paramref name="subscriberId"/>'s
    /// connections here: true the first time, false when one went before (then the alert is
    /// written as an <c>update</c>), and false for a subscriber without a connection here.
    /// </summary>
    public bool FirstNew(string subscriberId, string caseId)
    {
        while (_bySubscriber.TryGetValue(subscriberId, out var held))
        {
            if (held.NewCases.Contains(caseId, StringComparer.Ordinal))
            {
                return false;
            }

            if (_bySubscriber.TryUpdate(subscriberId, held with { NewCases = [.. held.NewCases, caseId] }, held))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The case ended for <paramref name="subscriberId"/> (its <c>cancel</c>): nothing more to tell apart.</summary>
    public void Ended(string subscriberId, string caseId)
    {
        while (_bySubscriber.TryGetValue(subscriberId, out var held) && held.NewCases.Contains(caseId, StringComparer.Ordinal))
        {
            if (_bySubscriber.TryUpdate(subscriberId, held with { NewCases = [.. held.NewCases.Where(c => c != caseId)] }, held))
            {
                return;
            }
        }
    }

    /// <summary>A subscriber's connections here and the cases whose <c>new</c> they were written.</summary>
    private sealed record Held(string[] Connections, string[] NewCases);
}
