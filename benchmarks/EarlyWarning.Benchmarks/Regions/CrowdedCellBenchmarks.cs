using System.Globalization;
using BenchmarkDotNet.Attributes;
using EarlyWarning.Benchmarks.Hosting;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunStrategy = BenchmarkDotNet.Engines.RunStrategy;

namespace EarlyWarning.Benchmarks.Regions;

/// <summary>
/// People subscribing, one at a time, where many already are: 256 new subscribers placed one call
/// each into a grid cell of a tile that already holds <see cref="Crowd"/> (a town's centre at
/// 100 000 subscribers in a 2 km disc). Each placement is stored before it is answered, so what is
/// measured is mostly what a placement writes. The 256 are removed after each iteration, so every
/// iteration starts from the same crowd.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[BenchmarkCategory("Regions")]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15, invocationCount: 1)]
[GcForce(false)]
public class CrowdedCellBenchmarks
{
    private const int Newcomers = 256;

    private IHost? _host;
    private IRegionGrain? _region;
    private GeoPoint _centre;
    private string[] _placed = [];
    private int _round;
    private string? _folder;

    [Params(6_000)]
    public int Crowd { get; set; }

    /// <summary>The silo's grain storage: in memory, or the embedded gateway's SQLite file (a fresh one per run).</summary>
    [Params("memory", "sqlite")]
    public string Storage { get; set; } = "memory";

    [GlobalSetup]
    public async Task FillTheCell()
    {
        _folder = Directory.CreateTempSubdirectory("ew-crowded-cell-").FullName;
        _host = await BenchmarkSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = Storage,
            ["Storage:Path"] = Path.Combine(_folder, "earlywarning.db"),
        });
        var tile = TileKey.FromPoint(new GeoPoint(41.9981, 21.4254), 11);
        // A quarter of a cell past the tile's centre (a corner of four cells), so all stay in one.
        _centre = new GeoPoint(
            ((tile.SouthLat + tile.NorthLat) / 2) + ((tile.NorthLat - tile.SouthLat) / 64),
            ((tile.WestLon + tile.EastLon) / 2) + ((tile.EastLon - tile.WestLon) / 64));
        _region = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRegionGrain>(tile.ToGrainKey());
        // Within ~200 m of the centre: one cell (~900 m) of the tile's 16 x 16.
        await _region.PlaceMany([.. Enumerable.Range(0, Crowd).Select(i => Subscriber($"crowd-{i}", i))]);
    }

    [Benchmark]
    public async Task NewcomersSubscribeOneByOne()
    {
        _round++;
        _placed = new string[Newcomers];
        for (var i = 0; i < Newcomers; i++)
        {
            _placed[i] = string.Create(CultureInfo.InvariantCulture, $"newcomer-{_round}-{i}");
            await _region!.Place(Subscriber(_placed[i], i), []);
        }
    }

    [IterationCleanup]
    public void TheNewcomersLeave() =>
        Task.WhenAll(_placed.Select(id => _region!.Remove(id))).GetAwaiter().GetResult();

    [GlobalCleanup]
    public async Task StopSilo()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private RegionSubscriber Subscriber(string id, int i) =>
        new(id, _centre.Lat + (i % 37 * 0.00005), _centre.Lon + (i % 41 * 0.00005), 1, SubscriberKind.Public, "mk");
}
