using System.Diagnostics;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;

namespace EarlyWarning.Benchmarks.Compare;

/// <summary>
/// Who is in the zone, through the real path: the case computes its zone and the tiles it can
/// reach, every such region matches its subscribers, and the counts come back summed.
/// </summary>
public static class ZoneReachMeasure
{
    public static async Task<Timings> Run(SeededSilo silo, SubscriberPoints points, ZoneQuery query, int iterations)
    {
        var (grain, radiusKm, _) = await ZoneCase.Open(silo, $"reach-{query.Measure}", query.Centre, query.RadiusKm);
        var expected = ExactZoneCount.Count(points, query.Centre, radiusKm);
        var timings = new Timings(query.Measure, query.Distribution.ToString().ToLowerInvariant(), points.Count);
        await ZoneWarmUp.RunAsync(() => grain.PreviewReach(CaseLevel.Public));
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var count = await grain.PreviewReach(CaseLevel.Public) ?? -1;
            clock.Stop();
            if (count != expected)
            {
                throw new InvalidOperationException($"{query.Measure}: the regions reached {count}, exact haversine counts {expected}.");
            }

            timings.Count = count;
            timings.Add(clock.Elapsed);
        }

        return timings;
    }
}
