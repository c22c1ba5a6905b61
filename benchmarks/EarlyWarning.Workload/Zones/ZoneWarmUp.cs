using System.Diagnostics;

namespace EarlyWarning.Workload.Zones;

/// <summary>
/// The warm-up both sides give a zone query before it is timed: repeated for at least
/// <see cref="Duration"/> and <see cref="MinimumRuns"/> runs, so .NET's tiered JIT has promoted
/// the hot code to optimised code (it starts at tier 0 and tiers up after 30 calls and a delay),
/// as in a server that has been up for a while. A few runs alone timed tier-0 code.
/// </summary>
public static class ZoneWarmUp
{
    /// <summary>The least time spent warming up.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    /// <summary>The fewest runs of the query before timing.</summary>
    public const int MinimumRuns = 3;

    /// <summary>Runs <paramref name="query"/> until both bounds are met.</summary>
    public static async Task RunAsync(Func<Task> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var start = Stopwatch.GetTimestamp();
        var runs = 0;
        while (runs < MinimumRuns || Stopwatch.GetElapsedTime(start) < Duration)
        {
            await query();
            runs++;
        }
    }
}
