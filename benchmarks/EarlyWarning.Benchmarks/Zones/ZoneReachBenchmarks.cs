using BenchmarkDotNet.Attributes;
using EarlyWarning.Benchmarks.Compare;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Workload;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;

namespace EarlyWarning.Benchmarks.Zones;

/// <summary>
/// Who is in the zone over 1 000 000 subscribers, through the real path (case → region directory
/// → regions), for the two workloads and zones of benchmarks/compare.sh.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[BenchmarkCategory("Zones")]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ZoneReachBenchmarks
{
    private SeededSilo? _silo;
    private ICaseGrain? _case;

    [Params(SubscriberDistribution.Uniform, SubscriberDistribution.Clustered)]
    public SubscriberDistribution Distribution { get; set; }

    [Params(5.0, 50.0)]
    public double RadiusKm { get; set; }

    [GlobalSetup]
    public async Task PlaceSubscribersAndOpenCase()
    {
        var points = SubscriberWorkload.Generate(Distribution, WorkloadSizes.FullSubscribers);
        _silo = await SeededSilo.StartAsync(points);
        (_case, _, _) = await ZoneCase.Open(_silo, "reach", ZoneQueries.SkopjeCentre, RadiusKm);
    }

    [Benchmark]
    public async Task<int?> WhoIsInTheZone() => await _case!.PreviewReach(CaseLevel.Public);

    [GlobalCleanup]
    public async Task StopSilo()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
