namespace EarlyWarning.Domain.Alerts;

/// <summary>
/// Delivery latencies in log-spaced buckets (about 5 % wide, 0.01 ms to ~2 min): constant size,
/// so a case can keep it in its state and report p50/p99 however many alerts it sends.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Number of buckets.</summary>
    public const int BucketCount = 340;

    private const double MinMs = 0.01;
    private const double Growth = 1.05;

    private readonly long[] _counts;

    /// <summary>Wraps stored bucket counts (length <see cref="BucketCount"/>), or starts empty.</summary>
    public LatencyHistogram(long[]? counts = null)
    {
        if (counts is not null && counts.Length != BucketCount)
        {
            throw new ArgumentException($"Expected {BucketCount} buckets.", nameof(counts));
        }

        _counts = counts ?? new long[BucketCount];
    }

    /// <summary>The bucket counts, for storage.</summary>
    public long[] Counts => _counts;

    /// <summary>How many latencies were recorded.</summary>
    public long Total => _counts.Sum();

    /// <summary>Records <paramref name="count"/> alerts that took <paramref name="latencyMs"/>.</summary>
    public void Record(double latencyMs, long count = 1)
    {
        _counts[BucketOf(latencyMs)] += count;
    }

    /// <summary>The latency below which <paramref name="percentile"/> % of recorded alerts fall (bucket upper bound), or 0 when empty.</summary>
    public double Percentile(double percentile)
    {
        var total = Total;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Round(UpperBoundMs(i), 3);
            }
        }

        return Math.Round(UpperBoundMs(BucketCount - 1), 3);
    }

    private static int BucketOf(double latencyMs)
    {
        if (!double.IsFinite(latencyMs) || latencyMs <= MinMs)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(Math.Log(latencyMs / MinMs, Growth));
        return Math.Clamp(index, 0, BucketCount - 1);
    }

    private static double UpperBoundMs(int bucket) => MinMs * Math.Pow(Growth, bucket);
}
