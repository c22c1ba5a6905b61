namespace EarlyWarning.RedisPeer.Reporting;

/// <summary>
/// One result line, in the CSV shape <c>compare.sh</c> reads:
/// <c>measure,distribution,size,count,median_ms,p99_ms,rate_per_s</c>; null prints empty.
/// </summary>
/// <param name="Measure">load, memory_bytes, zone5km, zone50km, fanout, ingest, ingest_pipelined, mixed.</param>
/// <param name="Distribution">uniform or clustered.</param>
/// <param name="Size">What the rows of a measure vary by: subscribers; recipients asked for (fanout); clients (ingest).</param>
/// <param name="Count">What came back: members written, returned or delivered, updates done; bytes for memory_bytes.</param>
/// <param name="MedianMs">Median time of one iteration (or one command), ms.</param>
/// <param name="P99Ms">99th percentile of the same, ms.</param>
/// <param name="RatePerSecond">Members or updates per second, where that is the figure.</param>
/// <param name="Note">Console only: iterations, count checks, anything surprising.</param>
internal sealed record MeasureRow(
    string Measure,
    string Distribution,
    long Size,
    long? Count,
    double? MedianMs,
    double? P99Ms,
    double? RatePerSecond,
    string Note = "");
