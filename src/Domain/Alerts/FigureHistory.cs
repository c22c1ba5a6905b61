namespace EarlyWarning.Domain.Alerts;

/// <summary>
/// Keeps a case's dispatch figures over time (for replay) small however long the case runs: samples
/// at least <c>spacing</c> apart (a newer one replaces the newest while it is closer than that to
/// the one before), and at most <c>capacity</c>, every other one dropped (the first and the
/// newest kept) when a sample would pass it, so the resolution halves but the span stays whole.
/// </summary>
public static class FigureHistory
{
    /// <summary>Adds <paramref name="sample"/>, stamped by <paramref name="at"/>, to <paramref name="samples"/> (oldest first).</summary>
    public static void Record<T>(List<T> samples, T sample, Func<T, DateTimeOffset> at, TimeSpan spacing, int capacity)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        if (samples.Count >= 2 && at(sample) - at(samples[^2]) < spacing)
        {
            samples[^1] = sample;
            return;
        }

        samples.Add(sample);
        if (samples.Count > capacity)
        {
            var newest = samples[^1];
            var kept = samples.Where((_, i) => i % 2 == 0 && i < samples.Count - 1).ToList();
            kept.Add(newest);
            samples.Clear();
            samples.AddRange(kept);
        }
    }
}
