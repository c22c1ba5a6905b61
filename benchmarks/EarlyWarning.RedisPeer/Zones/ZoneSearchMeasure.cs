using System.Diagnostics;
using System.Globalization;
using EarlyWarning.RedisPeer.Geo;
using EarlyWarning.RedisPeer.Hosting;
using EarlyWarning.RedisPeer.Reporting;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Zones;

/// <summary>
/// Who is in the zone: one GEOSEARCH, timed from the call until the client holds every member
/// (rows zone5km, zone50km). The first reply is checked against the exact haversine answer.
/// </summary>
internal static class ZoneSearchMeasure
{
    public static async Task RunAsync(IDatabase db, SubscriberPoints points, ZoneQuery zone, int iterations, ResultReport report)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(report);
        var key = RedisGeo.Key(points.Distribution);
        var exact = ExactZoneCount.Members(points, zone);
        var returned = RedisGeo.Subscribers(await RedisGeo.SearchAsync(db, key, zone));
        await ZoneWarmUp.RunAsync(() => RedisGeo.SearchAsync(db, key, zone));

        var server = RedisConnections.Server(db.Multiplexer);
        await CommandStats.ResetAsync(server);
        var times = new LatencyRecorder();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var results = await RedisGeo.SearchAsync(db, key, zone);
            times.RecordSince(start);
            if (results.Length != returned.Length)
            {
                throw new InvalidOperationException($"GEOSEARCH returned {results.Length}, earlier {returned.Length}.");
            }
        }

        var serverMs = await CommandStats.MicrosecondsPerCallAsync(server, "geosearch") / 1000;
        report.Add(new MeasureRow(zone.Measure, points.Distribution.ToText(), points.Count, returned.Length,
            times.MedianMs, times.P99Ms, null,
            string.Create(CultureInfo.InvariantCulture,
                $"{iterations} it., server {serverMs:0.000} ms/search, BYRADIUS {RedisGeo.RadiusMetres(zone.RadiusKm):0.0} m; {RecipientCheck.Describe(points, zone, exact, returned)}")));
    }
}
