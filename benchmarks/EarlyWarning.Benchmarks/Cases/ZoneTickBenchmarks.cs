using System.Globalization;
using BenchmarkDotNet.Attributes;
using EarlyWarning.Benchmarks.Dispatch;
using EarlyWarning.Benchmarks.Hosting;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Places;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunStrategy = BenchmarkDotNet.Engines.RunStrategy;

namespace EarlyWarning.Benchmarks.Cases;

/// <summary>
/// One zone tick of <see cref="Cases"/> active cases spread over the country's towns: the domain
/// clock moves a minute (a vehicle case grows 1 km, a material change), and every case refreshes
/// its zone and publishes it to the control room through a gateway stand-in: as the silo's one
/// pass does it, and as every case did it on its own before. No subscribers: this
/// is the cost of the tick itself (zone, state, directory, control-room event), not of the alerts
/// it may cause, which the fan-out benchmarks measure.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[BenchmarkCategory("Cases")]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
[GcForce(false)]
public class ZoneTickBenchmarks
{
    private readonly FrozenClock _clock = new(DateTimeOffset.UtcNow);
    private IHost? _host;
    private ICaseGrain[] _cases = [];
    private readonly CountingAlertSink _sink = new();
    private IAlertSink? _sinkReference;
    private ZoneTicker? _ticker;

    private string? _folder;

    [Params(1_000)]
    public int Cases { get; set; }

    /// <summary>The silo's grain storage: in memory, or the embedded gateway's SQLite file (a fresh one per run).</summary>
    [Params("memory", "sqlite")]
    public string Storage { get; set; } = "memory";

    [GlobalSetup]
    public async Task OpenCases()
    {
        _folder = Directory.CreateTempSubdirectory("ew-zone-tick-").FullName;
        _host = await BenchmarkSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Cases:ZoneTickInterval"] = "01:00:00",
            ["Cases:WakeUpPeriod"] = "01:00:00",
            // The stand-in registers once and sends no heartbeat: at the default expiry (6 s) the
            // registry dropped it, and every control-room batch of the tick went looking for a
            // gateway, found none and logged the events dropped.
            ["Dispatch:SinkExpiry"] = "01:00:00",
            ["Storage:Provider"] = Storage,
            ["Storage:Path"] = Path.Combine(_folder, "earlywarning.db"),
        }, _clock);
        var grains = _host.Services.GetRequiredService<IGrainFactory>();
        _ticker = _host.Services.GetRequiredService<ZoneTicker>();
        // Without a gateway every control-room event would look for one in the registry, and log.
        _sinkReference = grains.CreateObjectReference<IAlertSink>(_sink);
        await grains.GetGrain<ISinkRegistryGrain>(0).Register(_sinkReference);
        var towns = NorthMacedonia.Towns;
        _cases = new ICaseGrain[Cases];
        for (var i = 0; i < Cases; i++)
        {
            var town = towns[i % towns.Count];
            _cases[i] = grains.GetGrain<ICaseGrain>(string.Create(CultureInfo.InvariantCulture, $"tick-{i:D4}"));
            await _cases[i].Open(new CaseOpening(
                new ChildProfile("Benchmark Child", 7, null, "Red jacket", null),
                town.Centre.Lat + (i * 0.0001), town.Centre.Lon, _clock.GetUtcNow(), TravelMode.Vehicle, CaseLevel.Public, "benchmark"));
        }
    }

    /// <summary>
    /// The tick as the silo runs it (<see cref="ZoneTicker"/>): one pass over every active case,
    /// no call into a case but for a push that reaches a new tile or country, which is
    /// handed to the case.
    /// </summary>
    [Benchmark(Baseline = true)]
    public Task OneGrowthPassPerSilo()
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        return _ticker!.Tick();
    }

    /// <summary>The tick as it was before the silo's pass: every case called to refresh its own zone.</summary>
    [Benchmark]
    public Task EveryCaseRefreshesItsZone()
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        return Task.WhenAll(_cases.Select(c => c.RefreshZone()));
    }

    /// <summary>
    /// The floor of any tick that takes a turn per case: one call to each case that does nothing
    /// (<see cref="ICaseGrain.IsAlerting"/>). A tick below it needs no call per case at all.
    /// </summary>
    [Benchmark]
    public Task EveryCaseAnswersOneCall() => Task.WhenAll(_cases.Select(c => c.IsAlerting()));

    [GlobalCleanup]
    public async Task StopSilo()
    {
        GC.KeepAlive(_sinkReference);
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
}
