using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Cases;

/// <inheritdoc cref="ICaseDirectoryGrain" />
public sealed class CaseDirectoryGrain(
    [PersistentState("case-directory", StorageNames.Default)] IPersistentState<Dictionary<string, CaseSummary>> state)
    : Grain, ICaseDirectoryGrain
{
    /// <inheritdoc />
    public async Task Upsert(CaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (state.State.TryGetValue(summary.Id, out var known) && known.Version > summary.Version)
        {
            return;
        }

        state.State[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<CaseSummary[]> List(CaseStatus? status) => Task.FromResult(
        state.State.Values
            .Where(c => status is null || c.Status == status)
            .OrderByDescending(c => c.CreatedAt)
            .ToArray());
}
