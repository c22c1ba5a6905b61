using System.Diagnostics;
using System.Globalization;
using EarlyWarning.RedisPeer.Geo;
using EarlyWarning.RedisPeer.Hosting;
using EarlyWarning.RedisPeer.Reporting;
using EarlyWarning.Workload.Ingest;
using EarlyWarning.Workload.Subscribers;

namespace EarlyWarning.RedisPeer.Ingest;

/// <summary>
/// Location updates from many clients at once, each waiting for its GEOADD's reply before the
/// next, as a phone-facing service would (rows ingest, size = clients). The multiplexer still
/// coalesces concurrent clients' commands into shared socket writes, as it would in production.
/// </summary>
internal static class IngestMeasure
{
    private const int ClientsPerConnection = 16;

    public static async Task RunAsync(
        string endpoint, SubscriberPoints points, LocationUpdate[] updates, int clients, TimeSpan duration, ResultReport report)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(report);
        var connectionCount = (clients + ClientsPerConnection - 1) / ClientsPerConnection;
        var connections = await RedisConnections.ConnectManyAsync(endpoint, "ingest", connectionCount);
        try
        {
            var key = RedisGeo.Key(points.Distribution);
            long next = -1;
            var start = Stopwatch.GetTimestamp();
            var stopAt = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
            {
                var db = connections[client % connections.Length].GetDatabase();
                var latencies = new LatencyRecorder();
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var update = updates[(int)(Interlocked.Increment(ref next) % updates.Length)];
                    var sent = Stopwatch.GetTimestamp();
                    await db.GeoAddAsync(key, update.Lon, update.Lat, RedisGeo.Member(update.Subscriber));
                    latencies.RecordSince(sent);
                }

                return latencies;
            })));
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var all = new LatencyRecorder();
            foreach (var latencies in perClient)
            {
                all.Add(latencies);
            }

            report.Add(new MeasureRow("ingest", points.Distribution.ToText(), clients, all.Count, all.MedianMs, all.P99Ms,
                all.Count / seconds,
                string.Create(CultureInfo.InvariantCulture,
                    $"{clients} client(s) over {connectionCount} connection(s), one GEOADD per round trip, {seconds:0.0} s; latency per update")));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
