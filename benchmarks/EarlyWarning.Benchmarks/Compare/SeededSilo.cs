using System.Globalization;
using EarlyWarning.Benchmarks.Dispatch;
using EarlyWarning.Benchmarks.Hosting;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Workload.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace EarlyWarning.Benchmarks.Compare;

/// <summary>
/// One in-process silo holding a workload's subscribers in their regions, a counting sink in
/// place of the gateways, and a frozen domain clock, so a zone's radius (and so its recipients)
/// stays put while it is measured.
/// </summary>
public sealed class SeededSilo : IAsyncDisposable
{
    // Below the default 1 km so a fan-out zone can be sized to as few as 1 000 clustered recipients.
    public const double BaseRadiusKm = 0.1;

    private static readonly int TileZoom = new RegionOptions().TileZoom;

    private readonly IHost _host;
    private readonly IAlertSink _sinkReference;

    private SeededSilo(IHost host, CountingAlertSink sink, IAlertSink sinkReference, DateTimeOffset now)
    {
        (_host, Sink, _sinkReference, Now) = (host, sink, sinkReference, now);
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public CountingAlertSink Sink { get; }

    /// <summary>What the in-process store holds (the tiles' cells): a store outside the process would hold it there.</summary>
    public long StoredBytes => ((InProcessGrainStorage)_host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default)).StoredBytes;

    /// <summary>The frozen domain time: zones are sized against it.</summary>
    public DateTimeOffset Now { get; }

    public static async Task<SeededSilo> StartAsync(SubscriberPoints points)
    {
        var now = DateTimeOffset.UtcNow;
        var host = await BenchmarkSilo.StartAsync(
            new Dictionary<string, string?>
            {
                ["Cases:ZoneTickInterval"] = "01:00:00",
                ["Dispatch:SinkExpiry"] = "01:00:00",
                ["Zone:BaseRadiusKm"] = BaseRadiusKm.ToString(CultureInfo.InvariantCulture),
            },
            new FrozenClock(now));
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var sink = new CountingAlertSink();
        var reference = grains.CreateObjectReference<IAlertSink>(sink);
        await grains.GetGrain<ISinkRegistryGrain>(0).Register(reference);
        await Seed(grains, points);
        return new SeededSilo(host, sink, reference, now);
    }

    /// <summary>The id of the <paramref name="i"/>-th point: the form the gateway gives every subscriber ("s-" and 32 hex digits).</summary>
    public static string SubscriberId(int i) => string.Create(CultureInfo.InvariantCulture, $"s-{i:x32}");

    /// <summary>Every point as a public subscriber watching 0 km (in reach only inside the zone, as GEOSEARCH counts), one bulk call per tile.</summary>
    private static async Task Seed(IGrainFactory grains, SubscriberPoints points)
    {
        var byTile = new Dictionary<TileKey, List<RegionSubscriber>>();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var tile = TileKey.FromPoint(point, TileZoom);
            if (!byTile.TryGetValue(tile, out var list))
            {
                byTile[tile] = list = [];
            }

            list.Add(new RegionSubscriber(SubscriberId(i), point.Lat, point.Lon, 0, SubscriberKind.Public, "mk"));
        }

        // A few tiles at a time: each is one grain turn, and two cores are all there is.
        await Parallel.ForEachAsync(byTile, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, _) =>
            await grains.GetGrain<IRegionGrain>(entry.Key.ToGrainKey()).PlaceMany([.. entry.Value]));
    }

    public async ValueTask DisposeAsync()
    {
        GC.KeepAlive(_sinkReference);
        await _host.StopAsync();
        _host.Dispose();
    }
}
