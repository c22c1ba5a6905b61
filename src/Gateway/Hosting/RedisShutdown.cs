using StackExchange.Redis;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>Closes a gateway's own Redis connection when the host stops.</summary>
public static class RedisShutdown
{
    /// <summary>
    /// Disposes <paramref name="redis"/>, tolerating the client's own failure to close a connection
    /// that is still being (re)established: StackExchange.Redis throws a NullReferenceException from
    /// its close (StackExchange/StackExchange.Redis#2754), which would otherwise fail the host's stop
    /// and hide the stop of every service after this one. The sockets are released either way.
    /// </summary>
    public static async ValueTask CloseAsync(ConnectionMultiplexer redis)
    {
        try
        {
            await redis.DisposeAsync();
        }
        catch (NullReferenceException)
        {
            // Known client bug on close; nothing of ours is left to release.
        }
    }
}
