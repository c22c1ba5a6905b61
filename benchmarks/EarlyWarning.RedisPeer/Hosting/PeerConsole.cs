using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using EarlyWarning.Workload.Subscribers;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Hosting;

/// <summary>The lines printed before the table: what ran against what, so a pasted result explains itself.</summary>
internal static class PeerConsole
{
    public static SubscriberPoints Generate(SubscriberDistribution distribution, int count)
    {
        var start = Stopwatch.GetTimestamp();
        var points = SubscriberWorkload.Generate(distribution, count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workload: {count:N0} {distribution.ToText()} subscribers (seed 0x{points.Seed:x}) in {Stopwatch.GetElapsedTime(start).TotalMilliseconds:0} ms"));
        if (distribution == SubscriberDistribution.Clustered)
        {
            var shares = ClusteredPlacement.Shares;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"workload: clustered shares {shares[0].Name} {shares[0].Share:P1}, {shares[^1].Name} {shares[^1].Share:P1}, σ {ClusteredPlacement.SpreadKm} km around each town"));
        }

        return points;
    }

    public static void Describe(ConnectionMultiplexer redis, PeerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = RedisConnections.Server(redis);
        var client = typeof(ConnectionMultiplexer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"redis: {server.Version} at {options.Endpoint} ({server.Protocol}), StackExchange.Redis {client}, .NET {Environment.Version}, {Environment.ProcessorCount} cores"));
        Console.WriteLine($"mode: {(options.Quick ? "quick" : "full")}, measures {string.Join(',', options.Measures)}, csv {options.CsvPath}");
    }
}
