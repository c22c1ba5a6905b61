using BenchmarkDotNet.Attributes;
using EarlyWarning.Benchmarks.Compare;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Workload;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;
using RunStrategy = BenchmarkDotNet.Engines.RunStrategy;

namespace EarlyWarning.Benchmarks.Fanout;

/// <summary>
/// Fan-out over 1 000 000 clustered subscribers: a verified sighting at the centre of a zone holding
/// exactly <see cref="Recipients"/> of them, until all their alerts of the new version are in the
/// gateways' sink.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[BenchmarkCategory("Fanout")]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
[GcForce(false)]
public class FanoutBenchmarks
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private SeededSilo? _silo;
    private ICaseGrain? _case;
    private ZoneQuery? _zone;
    private long _version;

    [Params(1_000, 10_000, 100_000)]
    public int Recipients { get; set; }

    [GlobalSetup]
    public async Task PlaceSubscribersAndOpenCase()
    {
        var points = SubscriberWorkload.Generate(SubscriberDistribution.Clustered, WorkloadSizes.FullSubscribers);
        _silo = await SeededSilo.StartAsync(points);
        _zone = FanoutZone.ForRecipients(points, Recipients);
        var alerted = _silo.Sink.WaitForNewAlerts("fanout", Recipients);
        (_case, _, _version) = await ZoneCase.Open(_silo, "fanout", _zone.Centre, _zone.RadiusKm);
        await alerted.WaitAsync(Patience);
    }

    [Benchmark]
    public async Task<int> VerifiedSightingToEveryAlert()
    {
        var delivered = _silo!.Sink.WaitForVersion("fanout", ++_version, Recipients);
        await ZoneCase.VerifiedSighting(_silo, _case!, _zone!.Centre);
        return await delivered.WaitAsync(Patience);
    }

    [GlobalCleanup]
    public async Task StopSilo()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
