using System.Diagnostics;
using System.Globalization;
using EarlyWarning.RedisPeer.Geo;
using EarlyWarning.RedisPeer.Hosting;
using EarlyWarning.RedisPeer.Reporting;
using EarlyWarning.Workload.Ingest;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Mixed;

/// <summary>
/// Location updates while a big zone is being matched: one connection runs the 50 km clustered
/// GEOSEARCH back to back, another sends single GEOADDs at a steady rate (row mixed). Redis runs
/// one command at a time, so an update that lands during a search waits for all of it.
/// </summary>
/// <remarks>
/// Updates are sent on a schedule, not one after another's reply: a closed loop would send
/// one update per blocked search and hide the stall from its percentiles (coordinated omission).
/// Each latency runs from the send to the reply, stamped on the thread that completes it.
/// </remarks>
internal static class MixedMeasure
{
    public static async Task RunAsync(
        string endpoint, SubscriberPoints points, LocationUpdate[] updates, ZoneQuery zone, TimeSpan duration, int updatesPerSecond, ResultReport report)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(report);
        await using var searcher = await RedisConnections.ConnectAsync(endpoint, "mixed-search");
        await using var writer = await RedisConnections.ConnectAsync(endpoint, "mixed-updates");
        var key = RedisGeo.Key(points.Distribution);
        using var stop = new CancellationTokenSource();
        var searches = SearchLoopAsync(searcher.GetDatabase(), key, zone, stop.Token);

        var db = writer.GetDatabase();
        var total = (int)(duration.TotalSeconds * updatesPerSecond);
        var latencyTicks = new long[total];
        var pending = new Task[total];
        var interval = Stopwatch.Frequency / (double)updatesPerSecond;
        var start = Stopwatch.GetTimestamp();
        for (var sent = 0; sent < total;)
        {
            var due = start + (long)(sent * interval);
            if (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1);
                continue;
            }

            pending[sent] = Send(db, key, updates[sent % updates.Length], latencyTicks, sent);
            sent++;
        }

        await Task.WhenAll(pending);
        await stop.CancelAsync();
        var searchCount = await searches;

        var latencies = new LatencyRecorder();
        foreach (var ticks in latencyTicks)
        {
            latencies.RecordTicks(ticks);
        }

        report.Add(new MeasureRow("mixed", points.Distribution.ToText(), points.Count, total, latencies.MedianMs, latencies.P99Ms,
            updatesPerSecond,
            string.Create(CultureInfo.InvariantCulture,
                $"GEOADD at {updatesPerSecond}/s for {duration.TotalSeconds:0} s beside {searchCount} back-to-back {zone.Measure} searches; max {latencies.MaxMs:0.0} ms")));
    }

    private static Task Send(IDatabase db, RedisKey key, LocationUpdate update, long[] latencyTicks, int slot)
    {
        var sent = Stopwatch.GetTimestamp();
        return db.GeoAddAsync(key, update.Lon, update.Lat, RedisGeo.Member(update.Subscriber)).ContinueWith(
            (reply, state) =>
            {
                reply.GetAwaiter().GetResult();
                ((long[])state!)[slot] = Stopwatch.GetTimestamp() - sent;
            },
            latencyTicks, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static async Task<int> SearchLoopAsync(IDatabase db, RedisKey key, ZoneQuery zone, CancellationToken stop)
    {
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            await RedisGeo.SearchAsync(db, key, zone);
            count++;
        }

        return count;
    }
}
