using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using RunStrategy = BenchmarkDotNet.Engines.RunStrategy;
using EarlyWarning.Benchmarks.Hosting;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EarlyWarning.Benchmarks.Dispatch;

/// <summary>
/// Dispatch latency in one in-process silo with memory storage: from a verified sighting reported to a
/// case grain until the alert batches for the new case version have been handed to the gateway sink,
/// with every one of <see cref="Subscribers"/> field subscribers (all within reach) among the recipients.
/// </summary>
/// <remarks>
/// A case rewrites its whole state (sightings, timeline) on every write, so a case that took every
/// invocation would slow down with each one. Each invocation therefore reports the first sighting of
/// its own case from a pool opened in setup; hence one invocation per iteration (Monitoring), and no
/// forced GC between them, so collections land in the latencies they belong to.
/// </remarks>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[BenchmarkCategory("Dispatch")]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 50, invocationCount: 1)]
[GcForce(false)]
public class SightingToBatchBenchmarks
{
    // Warmup + iterations + BenchmarkDotNet's own extra invocations (jitting, allocation count), with room to spare.
    private const int CasePool = 64;
    private const double SpreadKm = 1.5;
    private const double WatchRadiusKm = 2.0;
    private const double StepKm = 0.1;
    private const int SubscribeChunk = 250;
    private const int Seed = 20250602;

    // Central Skopje.
    private static readonly GeoPoint Centre = new(41.9981, 21.4254);

    // Each vertex of a hexagon of circumradius 100 m is 100 m from the centre and from its neighbours.
    private static readonly GeoPoint[] Hexagon = [.. Enumerable.Range(0, 6).Select(i => Haversine.Destination(Centre, i * 60.0, StepKm))];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    // Held here for the whole run: the object reference holds the sink only weakly.
    private readonly CountingAlertSink _sink = new();
    private OpenCase[] _cases = [];
    private IHost? _host;
    private IAlertSink? _sinkReference;
    private int _sightings;

    [Params(1_000, 10_000)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public async Task StartSiloAndOpenCases()
    {
        _host = await BenchmarkSilo.StartAsync(new Dictionary<string, string?>
        {
            // The zone timer must not push versions of its own between sightings.
            ["Cases:ZoneTickInterval"] = "01:00:00",

            // The sink is registered once, and subscribing 10,000 takes longer than the default 2-minute expiry.
            ["Dispatch:SinkExpiry"] = "01:00:00",
        });

        var grains = _host.Services.GetRequiredService<IGrainFactory>();
        _sinkReference = grains.CreateObjectReference<IAlertSink>(_sink);
        await grains.GetGrain<ISinkRegistryGrain>(0).Register(_sinkReference);

        var clock = Stopwatch.StartNew();
        var subscribers = await SubscribeAround(grains);
        var subscribed = clock.Elapsed;
        _cases = new OpenCase[CasePool];
        for (var i = 0; i < CasePool; i++)
        {
            _cases[i] = await OpenAndCheck(grains, string.Create(CultureInfo.InvariantCulture, $"bench-case-{i:D3}"), subscribers);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Setup: {Subscribers} subscribers in {subscribed.TotalSeconds:F1} s; {CasePool} cases, each alerting all of them, in {(clock.Elapsed - subscribed).TotalSeconds:F1} s"));
    }

    [Benchmark]
    public async Task<int> VerifiedSighting()
    {
        var open = _cases[_sightings++ % _cases.Length];
        var version = ++open.Version;
        var at = Hexagon[open.Sightings++ % Hexagon.Length];
        var delivered = _sink.WaitForVersion(open.Id, version, Subscribers);
        var result = await open.Grain.ReportSighting(new SightingReport(
            Guid.NewGuid().ToString("N"), at.Lat, at.Lon, DateTimeOffset.UtcNow, "Seen near the market", "field", null, Verified: true));
        if (result.Refusal != CaseRefusal.None)
        {
            throw new InvalidOperationException($"The sighting was refused: {result.Refusal}.");
        }

        return await delivered.WaitAsync(Patience);
    }

    [GlobalCleanup]
    public async Task StopSilo()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Cleanup: {_sightings} sightings over {_cases.Length} cases, at most {_cases.Max(c => c.Sightings)} per case"));
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
            _host = null;
        }
    }

    /// <summary>Subscribes field subscribers spread uniformly (fixed seed) within <see cref="SpreadKm"/> of the centre.</summary>
    private async Task<HashSet<string>> SubscribeAround(IGrainFactory grains)
    {
        var random = new Random(Seed);
        var ids = new HashSet<string>(Subscribers);
        for (var start = 0; start < Subscribers; start += SubscribeChunk)
        {
            var chunk = new List<Task>(SubscribeChunk);
            for (var i = start; i < Math.Min(start + SubscribeChunk, Subscribers); i++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"bench-sub-{i:D6}");
                var point = Haversine.Destination(Centre, random.NextDouble() * 360.0, SpreadKm * Math.Sqrt(random.NextDouble()));
                ids.Add(id);
                chunk.Add(grains.GetGrain<ISubscriberGrain>(id)
                    .Subscribe(new SubscriberProfile(SubscriberKind.Field, "en", WatchRadiusKm, point.Lat, point.Lon)));
            }

            await Task.WhenAll(chunk);
        }

        return ids;
    }

    /// <summary>Opens a case at the centre and checks that every subscriber got exactly one <c>new</c> for it.</summary>
    private async Task<OpenCase> OpenAndCheck(IGrainFactory grains, string caseId, HashSet<string> subscribers)
    {
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        var alerted = _sink.WaitForNewAlerts(caseId, subscribers.Count);
        var opened = await grain.Open(new CaseOpening(
            new ChildProfile("Benchmark Child", 7, null, "Red jacket, blue backpack", null),
            Centre.Lat, Centre.Lon, DateTimeOffset.UtcNow, TravelMode.Walking, CaseLevel.Internal, "benchmark"));
        await alerted.WaitAsync(Patience);

        var (alertedIds, repeated) = _sink.NewAlerts(caseId);
        if (alertedIds.Count != subscribers.Count || repeated != 0 || !alertedIds.SetEquals(subscribers))
        {
            throw new InvalidOperationException(
                $"Case {caseId}: expected each of {subscribers.Count} subscribers to get one new alert; {alertedIds.Count} distinct got one, {repeated} got another.");
        }

        return new OpenCase(caseId, grain) { Version = opened.Version };
    }

    /// <summary>One pooled case: its grain, the version last pushed, and how many sightings it has had.</summary>
    private sealed class OpenCase(string id, ICaseGrain grain)
    {
        public string Id { get; } = id;

        public ICaseGrain Grain { get; } = grain;

        public long Version { get; set; }

        public int Sightings { get; set; }
    }
}
