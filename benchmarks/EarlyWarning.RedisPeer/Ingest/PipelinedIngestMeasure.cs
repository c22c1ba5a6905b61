using System.Diagnostics;
using System.Globalization;
using EarlyWarning.RedisPeer.Geo;
using EarlyWarning.RedisPeer.Hosting;
using EarlyWarning.RedisPeer.Reporting;
using EarlyWarning.Workload.Ingest;
using EarlyWarning.Workload.Subscribers;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Ingest;

/// <summary>
/// Redis's ceiling for single-member GEOADD: one connection, every command sent without waiting
/// for any reply, then one PING whose reply, in order behind them all, marks the end
/// (row ingest_pipelined, size = 1 connection).
/// </summary>
internal static class PipelinedIngestMeasure
{
    public static async Task RunAsync(string endpoint, SubscriberPoints points, LocationUpdate[] updates, int count, ResultReport report)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(report);
        await using var connection = await RedisConnections.ConnectAsync(endpoint, "ingest-pipelined");
        var db = connection.GetDatabase();
        var key = RedisGeo.Key(points.Distribution);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var update = updates[i % updates.Length];
            db.GeoAdd(key, update.Lon, update.Lat, RedisGeo.Member(update.Subscriber), CommandFlags.FireAndForget);
        }

        await db.PingAsync();
        var elapsed = Stopwatch.GetElapsedTime(start);
        var last = updates[(count - 1) % updates.Length];
        var stored = await db.GeoPositionAsync(key, RedisGeo.Member(last.Subscriber));
        if (stored is not { } position || Math.Abs(position.Latitude - last.Lat) > 1e-5 || Math.Abs(position.Longitude - last.Lon) > 1e-5)
        {
            throw new InvalidOperationException($"The last pipelined update of subscriber {last.Subscriber} is not in Redis.");
        }

        report.Add(new MeasureRow("ingest_pipelined", points.Distribution.ToText(), 1, count, elapsed.TotalMilliseconds, null,
            count / elapsed.TotalSeconds,
            string.Create(CultureInfo.InvariantCulture, $"{count} single-member GEOADDs fire-and-forget on one connection; median_ms = whole run")));
    }
}
