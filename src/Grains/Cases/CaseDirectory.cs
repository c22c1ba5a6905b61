using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The silo's way to the case directory (<see cref="ICaseDirectoryGrain"/>, one grain): every
/// case's line goes in a batch with the others queued meanwhile (<see cref="BatchedCalls{TItem, TAnswer}"/>),
/// so many cases changing at once (a zone tick carrying them into new countries) are one call and
/// one write per bucket, not a call and a write each on the one grain.
/// </summary>
public sealed class CaseDirectory(IGrainFactory grains)
{
    private readonly BatchedCalls<CaseSummary, bool> _upserts = new(summaries => grains.GetGrain<ICaseDirectoryGrain>(0).UpsertMany(summaries));

    /// <summary>Adds or replaces the case's line; fails as the batch's call fails.</summary>
    public Task Upsert(CaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return _upserts.Send(summary);
    }
}
