namespace EarlyWarning.RedisPeer.Hosting;

/// <summary>
/// How many times each measure repeats. <c>--quick</c> keeps the whole run near a minute on
/// 2 cores; the full plan repeats enough for a p99 that means something (the 50 km search, at
/// ~0.7 s each, is the exception: its p99 is near its maximum).
/// </summary>
internal sealed record PeerPlan(
    bool Quick,
    int LoadRuns,
    int LoadBatchMembers,
    int Zone5KmIterations,
    int Zone50KmIterations,
    TimeSpan IngestDuration,
    TimeSpan SerialIngestDuration,
    int PipelinedUpdates,
    TimeSpan MixedDuration,
    int MixedUpdatesPerSecond)
{
    public static PeerPlan For(bool quick) => quick
        ? new(true, 1, 1_000, 200, 10, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 200_000, TimeSpan.FromSeconds(4), 1_000)
        : new(false, 3, 1_000, 1_000, 20, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3), 1_000_000, TimeSpan.FromSeconds(10), 1_000);

    /// <summary>Fan-outs repeat fewer times the more recipients they reach.</summary>
    public int FanoutIterations(int recipients) => recipients switch
    {
        <= 1_000 => Quick ? 100 : 300,
        <= 10_000 => Quick ? 30 : 100,
        _ => Quick ? 8 : 20,
    };
}
