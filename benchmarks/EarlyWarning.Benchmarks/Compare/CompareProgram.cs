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
        await using (var silo = await Seeded(uniform, "u"))
        {
            results.Add(Report(await ZoneReachMeasure.Run(silo, uniform, ZoneQueries.Zone5KmUniform, quick ? 50 : 200)));
        }

        var clustered = SubscriberWorkload.Generate(SubscriberDistribution.Clustered, size);
        await using (var silo = await Seeded(clustered, "c"))
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

    private static async Task<SeededSilo> Seeded(SubscriberPoints points, string prefix)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var silo = await SeededSilo.StartAsync(points, prefix);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"earlywarning: {points.Count} {points.Distribution.ToString().ToLowerInvariant()} subscribers placed in their regions in {clock.Elapsed.TotalSeconds:F1} s; managed heap +{(after - before) / 1048576.0:F0} MiB, of which the stored cells {silo.StoredBytes / 1048576.0:F0} MiB"));
        return silo;
    }

    private static Timings Report(Timings timings)
    {
        Console.WriteLine($"earlywarning: {timings}");
        return timings;
    }
}
