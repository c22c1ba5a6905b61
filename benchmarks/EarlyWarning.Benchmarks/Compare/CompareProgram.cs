using System.Runtime;
using System.Diagnostics;
using System.Globalization;
using EarlyWarning.Workload;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;

namespace EarlyWarning.Benchmarks.Compare;

/// <summary>
/// EarlyWarning's side of benchmarks/compare.sh: the same points and zones as the Redis peer,
/// timed through the grains, one line per measure and a CSV in the peer's format.
/// <c>dotnet run -c Release --project benchmarks/EarlyWarning.Benchmarks -- compare [--quick] [--csv FILE]</c>
/// </summary>
public static class CompareProgram
{
    public static async Task<int> Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var csvAt = Array.IndexOf(args, "--csv");
        var csvPath = csvAt >= 0 && csvAt + 1 < args.Length ? args[csvAt + 1] : "earlywarning.csv";
        var size = WorkloadSizes.Subscribers(quick);
        var results = new List<Timings>();

        var uniform = SubscriberWorkload.Generate(SubscriberDistribution.Uniform, size);
        await using (var silo = await Seeded(uniform))
        {
            results.Add(Report(await ZoneReachMeasure.Run(silo, uniform, ZoneQueries.Zone5KmUniform, quick ? 50 : 200)));
        }

        var clustered = SubscriberWorkload.Generate(SubscriberDistribution.Clustered, size);
        await using (var silo = await Seeded(clustered))
        {
            results.Add(Report(await ZoneReachMeasure.Run(silo, clustered, ZoneQueries.Zone50KmClustered, quick ? 10 : 30)));
            foreach (var recipients in WorkloadSizes.FanoutRecipients.Where(r => r <= size / 2))
            {
                results.Add(Report(await FanoutMeasure.Run(silo, clustered, recipients, quick ? 5 : 10)));
            }
        }

        await File.WriteAllLinesAsync(csvPath, ["measure,distribution,size,count,median_ms,p99_ms,rate_per_s", .. results.Select(r => r.ToCsv())]);
        Console.WriteLine($"earlywarning: results in {csvPath}");
        return 0;
    }

    private static async Task<SeededSilo> Seeded(SubscriberPoints points)
    {
        var before = await SettledHeapBytes();
        var clock = Stopwatch.StartNew();
        var silo = await SeededSilo.StartAsync(points);
        var placed = clock.Elapsed;
        var after = await SettledHeapBytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"earlywarning: {points.Count} {points.Distribution.ToString().ToLowerInvariant()} subscribers placed in their regions in {placed.TotalSeconds:F1} s; managed heap +{(after - before) / 1048576.0:F0} MiB, of which the stored cells {silo.StoredBytes / 1048576.0:F0} MiB"));
        return silo;
    }

    // Idle means settled: right after the bulk placement its 1 000 000 argument records (~170 MiB)
    // still survive a full collection for a moment (dotnet-dump finds them unreachable a minute
    // later), so the heap is read after a short wait. Large arrays (a city tile's index) live on
    // the large object heap, which is compacted here so its holes do not count as growth.
    private static async Task<long> SettledHeapBytes()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Timings Report(Timings timings)
    {
        Console.WriteLine($"earlywarning: {timings}");
        return timings;
    }
}
