using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace EarlyWarning.LoadGen.Reporting;

/// <summary>
/// Latencies in an HdrHistogram of <see cref="Stopwatch"/> ticks (3 significant digits, up to ten
/// minutes). Thread-safe: receive loops and workers record into one recorder.
/// </summary>
internal sealed class LatencyRecorder
{
    public static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    private readonly LongHistogram _histogram = new(TimeStamp.Minutes(10), 3);
    private readonly Lock _gate = new();

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }

    /// <summary>Records <paramref name="ticks"/> (<see cref="Stopwatch"/> ticks; clamped to 1 … 10 min).</summary>
    public void RecordTicks(long ticks)
    {
        lock (_gate)
        {
            _histogram.RecordValue(Math.Clamp(ticks, 1, _histogram.HighestTrackableValue));
        }
    }

    /// <summary>Writes the distribution as a CDF, one "ms fraction" line per step, for benchmarks/plot.sh.</summary>
    public void WriteCdf(string path)
    {
        double[] fractions = [.. Enumerable.Range(1, 990).Select(i => i / 1000.0), 0.995, 0.999, 0.9999, 1.0];
        var lines = fractions.Select(f => string.Create(CultureInfo.InvariantCulture, $"{PercentileMs(f * 100):F4} {f}"));
        File.WriteAllLines(path, lines);
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100) in ms; NaN when empty.</summary>
    public double PercentileMs(double percentile)
    {
        lock (_gate)
        {
            return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / TicksPerMs;
        }
    }

    public double MaxMs
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetMaxValue() / TicksPerMs;
            }
        }
    }
}
