using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace EarlyWarning.Grains.Cases;

/// <inheritdoc cref="ICaseDirectoryGrain" />
/// <remarks>
/// A line per case in 64 stored buckets (<see cref="BucketedRecords{TValue}"/>): a change rewrites
/// its bucket, not the whole list. A list stored whole by an earlier version (the record
/// <c>case-directory</c>) is moved into the buckets when the grain activates, then cleared.
/// </remarks>
public sealed class CaseDirectoryGrain : Grain, ICaseDirectoryGrain
{
    private const string WholeStateName = "case-directory";

    private BucketedRecords<CaseSummary> _cases = null!;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        _cases = new BucketedRecords<CaseSummary>(storage, this.GetGrainId(), WholeStateName);
        await _cases.Load();
        await MoveWholeList(storage);
    }

    /// <inheritdoc />
    public async Task Upsert(CaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var known = _cases.GetValueOrDefault(summary.Id);
        if (known is not null && known.Version > summary.Version)
        {
            return;
        }

        _cases.Set(summary.Id, summary);
        try
        {
            await _cases.Write([summary.Id]);
        }
        catch
        {
            // The case retries; until then the list shows what storage holds.
            if (known is null)
            {
                _cases.Remove(summary.Id);
            }
            else
            {
                _cases.Set(summary.Id, known);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public Task<CaseSummary[]> List(CaseStatus? status) => Task.FromResult(
        _cases.Values
            .Where(c => status is null || c.Status == status)
            .OrderByDescending(c => c.CreatedAt)
            .ToArray());

    private async Task MoveWholeList(IGrainStorage storage)
    {
        var whole = new GrainState<Dictionary<string, CaseSummary>>([]);
        await storage.ReadStateAsync(WholeStateName, this.GetGrainId(), whole);
        if (!whole.RecordExists)
        {
            return;
        }

        // A line already in a bucket is newer: buckets are written only after the move.
        var moved = (whole.State ?? []).Values.Where(s => _cases.GetValueOrDefault(s.Id) is null).ToList();
        foreach (var summary in moved)
        {
            _cases.Set(summary.Id, summary);
        }

        await _cases.Write(moved.Select(s => s.Id));
        await storage.ClearStateAsync(WholeStateName, this.GetGrainId(), whole);
    }
}
