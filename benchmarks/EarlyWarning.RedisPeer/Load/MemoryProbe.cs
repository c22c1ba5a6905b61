using System.Globalization;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Load;

/// <summary>What Redis says it holds: INFO memory's used_memory, and MEMORY USAGE of one key.</summary>
internal static class MemoryProbe
{
    /// <summary>used_memory once no freed object is still waiting for Redis's background thread.</summary>
    public static async Task<long> UsedMemoryAsync(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        while (true)
        {
            var fields = (await server.InfoAsync("memory")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
            if (Field(fields, "lazyfree_pending_objects") == 0)
            {
                return Field(fields, "used_memory");
            }

            await Task.Delay(50);
        }
    }

    private static long Field(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>The key's own bytes (every member sampled), free of client buffers and allocator noise.</summary>
    public static async Task<long> KeyUsageAsync(IDatabase db, RedisKey key)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reply = await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", 0);
        return (long)reply;
    }
}
