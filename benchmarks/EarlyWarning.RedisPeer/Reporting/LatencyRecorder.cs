using System.Diagnostics;
using HdrHistogram;

namespace EarlyWarning.RedisPeer.Reporting;

/// <summary>
/// Latencies in an HdrHistogram of <see cref="Stopwatch"/> ticks (3 significant digits, up to
/// ten minutes): percentiles without keeping every sample. Not thread-safe: one per task, then
/// <see cref="Add"/>.
/// </summary>
internal sealed class LatencyRecorder
{
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    private readonly LongHistogram _histogram = new(TimeStamp.Minutes(10), 3);

    public long Count => _histogram.TotalCount;

    public double MedianMs => Percentile(50);

    public double P99Ms => Percentile(99);

    public double MaxMs => Count == 0 ? double.NaN : _histogram.GetMaxValue() / TicksPerMs;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public double RecordSince(long startTimestamp)
    {
        var ticks = Stopwatch.GetTimestamp() - startTimestamp;
        RecordTicks(ticks);
        return ticks / TicksPerMs;
    }

    /// <summary>Records a latency already measured, in <see cref="Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks) => _histogram.RecordValue(Math.Max(1, ticks));

    public void Add(LatencyRecorder other) => _histogram.Add(other._histogram);

    public double Percentile(double percentile) =>
        Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / TicksPerMs;
}
