using System.Globalization;
using EarlyWarning.RedisPeer.Hosting;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Fanout;

/// <summary>
/// The push gateways of the classic Redis design: each holds its own connection subscribed to
/// its own channel and would forward every message to the phone it names. Here each only
/// counts, so the time measured is Redis's and the wire's, not a WebSocket's.
/// </summary>
internal sealed class GatewayFleet : IAsyncDisposable
{
    private readonly ConnectionMultiplexer[] _connections;
    private readonly RedisChannel[] _channels;
    private readonly long[] _received;
    private long _total;
    private long _expected = long.MaxValue;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayFleet(ConnectionMultiplexer[] connections)
    {
        _connections = connections;
        _channels = [.. Enumerable.Range(0, connections.Length).Select(g => RedisChannel.Literal(string.Create(CultureInfo.InvariantCulture, $"gw:{g}")))];
        _received = new long[connections.Length];
    }

    public int Count => _connections.Length;

    public static async Task<GatewayFleet> ConnectAsync(string endpoint, int gateways)
    {
        var fleet = new GatewayFleet(await RedisConnections.ConnectManyAsync(endpoint, "gateway", gateways));
        for (var g = 0; g < gateways; g++)
        {
            var gateway = g;
            await fleet._connections[g].GetSubscriber().SubscribeAsync(fleet._channels[g], (_, _) => fleet.OnMessage(gateway));
        }

        return fleet;
    }

    /// <summary>The channel subscriber <paramref name="subscriber"/>'s gateway listens on.</summary>
    public RedisChannel ChannelOf(int subscriber) => _channels[subscriber % _channels.Length];

    /// <summary>Starts a round: the task completes when <paramref name="messages"/> have arrived, over all gateways.</summary>
    public Task ExpectAsync(long messages)
    {
        Array.Clear(_received);
        Interlocked.Exchange(ref _total, 0);
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _expected, messages);
        if (messages == 0)
        {
            _all.TrySetResult();
        }

        return _all.Task;
    }

    /// <summary>Messages gateway <paramref name="gateway"/> received this round.</summary>
    public long Received(int gateway) => Volatile.Read(ref _received[gateway]);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private void OnMessage(int gateway)
    {
        Interlocked.Increment(ref _received[gateway]);
        if (Interlocked.Increment(ref _total) == Volatile.Read(ref _expected))
        {
            _all.TrySetResult();
        }
    }
}
