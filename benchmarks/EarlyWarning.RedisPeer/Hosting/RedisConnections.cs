using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Hosting;

/// <summary>Opens multiplexers the same way for every role (control, gateway, client).</summary>
internal static class RedisConnections
{
    public static Task<ConnectionMultiplexer> ConnectAsync(string endpoint, string name)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.ClientName = name;
        // INFO, FLUSHALL and MEMORY USAGE are admin commands.
        options.AllowAdmin = true;
        // A million pipelined members or a 550 000-member reply take seconds, not the 5 s default's worth of margin.
        options.AsyncTimeout = 120_000;
        options.SyncTimeout = 120_000;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    public static async Task<ConnectionMultiplexer[]> ConnectManyAsync(string endpoint, string name, int count)
    {
        var connections = new ConnectionMultiplexer[count];
        for (var i = 0; i < count; i++)
        {
            connections[i] = await ConnectAsync(endpoint, $"{name}-{i}");
        }

        return connections;
    }

    public static IServer Server(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return redis.GetServer(redis.GetEndPoints()[0]);
    }
}
