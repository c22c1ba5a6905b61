using System.Collections.Concurrent;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// Work per index spread over the cores in ranges, not one delegate call per index: for a zone
/// tick's thousand small scans, a call and a timeout check per index cost about as much as the
/// scan itself.
/// </summary>
public static class ParallelRanges
{
    /// <summary>Runs <paramref name="body"/> once for every index below <paramref name="count"/> (none for 0).</summary>
    public static void For(int count, Action<int> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(body);
        if (count == 0)
        {
            // Partitioner.Create refuses an empty range.
            return;
        }

        var rangeSize = Math.Max(16, count / (Environment.ProcessorCount * 4));
        Parallel.ForEach(Partitioner.Create(0, count, rangeSize), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                body(i);
            }
        });
    }
}
