using System.Diagnostics;
using System.Globalization;
using EarlyWarning.RedisPeer.Geo;
using EarlyWarning.RedisPeer.Hosting;
using EarlyWarning.RedisPeer.Reporting;
using EarlyWarning.Workload.Subscribers;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Load;

/// <summary>
/// Loads every subscriber with GEOADD, a batch of members per command and every command
/// pipelined, then reports members/s and the memory the set takes (rows load, memory_bytes).
/// </summary>
internal static class LoadMeasure
{
    private const double BytesPerMiB = 1024 * 1024;

    public static async Task RunAsync(ConnectionMultiplexer redis, SubscriberPoints points, PeerPlan plan, ResultReport report)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(report);
        var db = redis.GetDatabase();
        var server = RedisConnections.Server(redis);
        var key = RedisGeo.Key(points.Distribution);
        // Built before the clock starts: the client's own allocations are not Redis's cost.
        var batches = Batches(points, plan.LoadBatchMembers);
        await WarmUpAsync(db, batches);
        await CommandStats.ResetAsync(server);
        var times = new LatencyRecorder();
        long usedBytes = 0;
        for (var run = 0; run < plan.LoadRuns; run++)
        {
            // DEL, not UNLINK: the old set is freed now, not by a background thread during the next run.
            await db.ExecuteAsync("DEL", key);
            var before = await MemoryProbe.UsedMemoryAsync(server);
            var start = Stopwatch.GetTimestamp();
            var pending = new Task<long>[batches.Length];
            for (var b = 0; b < batches.Length; b++)
            {
                pending[b] = db.GeoAddAsync(key, batches[b]);
            }

            await Task.WhenAll(pending);
            times.RecordSince(start);
            usedBytes = await MemoryProbe.UsedMemoryAsync(server) - before;
            var stored = await db.SortedSetLengthAsync(key);
            if (stored != points.Count)
            {
                throw new InvalidOperationException($"{key} holds {stored} members, expected {points.Count}.");
            }
        }

        var serverUsPerMember = await CommandStats.MicrosecondsPerCallAsync(server, "geoadd") / plan.LoadBatchMembers;
        var keyBytes = await MemoryProbe.KeyUsageAsync(db, key);
        var distribution = points.Distribution.ToText();
        report.Add(new MeasureRow("load", distribution, points.Count, points.Count, times.MedianMs, times.P99Ms,
            points.Count / (times.MedianMs / 1000),
            string.Create(CultureInfo.InvariantCulture, $"{plan.LoadRuns} run(s), GEOADD of {plan.LoadBatchMembers} members a command, all pipelined; server {serverUsPerMember:0.00} µs/member")));
        report.Add(new MeasureRow("memory_bytes", distribution, points.Count, usedBytes, null, null, null,
            string.Create(CultureInfo.InvariantCulture,
                $"used_memory delta {PerMillionMiB(usedBytes, points.Count):0.0} MiB per 1 M members (MEMORY USAGE of the key: {PerMillionMiB(keyBytes, points.Count):0.0})")));
    }

    /// <summary>Runs the same code path on a scratch key first, so the first timed run is not the JIT's.</summary>
    private static async Task WarmUpAsync(IDatabase db, GeoEntry[][] batches)
    {
        RedisKey scratch = "geo:warmup";
        await Task.WhenAll(batches.Take(20).Select(batch => db.GeoAddAsync(scratch, batch)));
        await db.KeyDeleteAsync(scratch);
    }

    private static double PerMillionMiB(long bytes, int members) => bytes / BytesPerMiB * 1_000_000 / members;

    private static GeoEntry[][] Batches(SubscriberPoints points, int batchMembers)
    {
        var lats = points.Lats;
        var lons = points.Lons;
        var batches = new GeoEntry[(points.Count + batchMembers - 1) / batchMembers][];
        for (var b = 0; b < batches.Length; b++)
        {
            var first = b * batchMembers;
            var batch = new GeoEntry[Math.Min(batchMembers, points.Count - first)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = new GeoEntry(lons[first + i], lats[first + i], RedisGeo.Member(first + i));
            }

            batches[b] = batch;
        }

        return batches;
    }
}
