namespace EarlyWarning.LoadGen.Hosting;

/// <summary>
/// What a cluster run reads besides the sockets (benchmarks/loadgen.sh --gateways passes both):
/// the processes whose memory is read at each fan-out phase (<c>--watch name=pid,…</c>) and the
/// Redis whose counters are read around each round (<c>--redis-port</c>).
/// </summary>
internal sealed record ClusterProbes(IReadOnlyList<WatchedProcess> Processes, int? RedisPort, string MemoryCsvPath);
