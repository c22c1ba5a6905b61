using System.Collections.Concurrent;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// The subscribers' hub connections this gateway holds, by subscriber id: kept by
/// <see cref="AlertHub"/> as they connect and disconnect. Only the gateway holding a connection
/// can tell that an alert was written to it; with the Redis backplane no gateway sees another's.
/// </summary>
public sealed class LocalConnections
{
    private readonly ConcurrentDictionary<string, string[]> _bySubscriber = new(StringComparer.Ordinal);

    /// <summary>Subscribers with at least one connection here.</summary>
    public int Subscribers => _bySubscriber.Count;

    /// <summary>Notes a connection of <paramref name="subscriberId"/> (a phone may hold several: tabs, the installed app).</summary>
    public void Add(string subscriberId, string connectionId) =>
        _bySubscriber.AddOrUpdate(subscriberId, [connectionId], (_, held) => [.. held, connectionId]);

    /// <summary>Forgets a connection that closed.</summary>
    public void Remove(string subscriberId, string connectionId)
    {
        while (_bySubscriber.TryGetValue(subscriberId, out var held))
        {
            string[] left = [.. held.Where(c => c != connectionId)];
            var done = left.Length == 0
                ? _bySubscriber.TryRemove(new KeyValuePair<string, string[]>(subscriberId, held))
                : _bySubscriber.TryUpdate(subscriberId, left, held);
            if (done)
            {
                return;
            }
        }
    }

    /// <summary>The connections <paramref name="subscriberId"/> holds here, if any.</summary>
    public bool TryGet(string subscriberId, out string[] connectionIds) =>
        _bySubscriber.TryGetValue(subscriberId, out connectionIds!);
}
