namespace EarlyWarning.LoadGen.Reporting;

/// <summary>
/// One result line, as the CSV has it: <c>measure,clients,count,p50_ms,p90_ms,p99_ms,max_ms,rate_per_s</c>.
/// </summary>
/// <param name="Measure">latency, latency_post, fanout_new, fanout, fanout_first, ingest_hub, ingest_noop, ingest_rest, mixed_baseline, mixed, mixed_sighting.</param>
/// <param name="Clients">Connected clients (sockets or concurrent HTTP callers) the measure ran with.</param>
/// <param name="Count">Samples behind the percentiles: alerts arrived, updates completed, sightings.</param>
/// <param name="P50Ms">Median, ms.</param>
/// <param name="P90Ms">90th percentile, ms.</param>
/// <param name="P99Ms">99th percentile, ms.</param>
/// <param name="MaxMs">The largest, ms (for a fan-out round: the last arrival).</param>
/// <param name="RatePerSecond">Sightings, alerts or updates per second, where that is the figure.</param>
/// <param name="Note">Console only: first arrival, failures, anything surprising.</param>
internal sealed record ResultRow(
    string Measure,
    long Clients,
    long Count,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double RatePerSecond,
    string Note = "")
{
    public static ResultRow From(string measure, long clients, LatencyRecorder recorder, double ratePerSecond, string note = "")
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return new ResultRow(measure, clients, recorder.Count,
            recorder.PercentileMs(50), recorder.PercentileMs(90), recorder.PercentileMs(99), recorder.MaxMs, ratePerSecond, note);
    }
}
