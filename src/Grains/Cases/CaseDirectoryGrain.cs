using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace EarlyWarning.Grains.Cases;

/// <inheritdoc cref="ICaseDirectoryGrain" />
/// <remarks>
/// A line per case in 64 stored buckets (<see cref="BucketedRecords{TValue}"/>): a change rewrites
/// its bucket, not the whole list. A list stored whole by an earlier version (the record
/// <c>case-directory</c>) is moved into the buckets when the grain activates, then cleared.
/// On activation the directory also asks each case it lists active whether it still alerts
/// (<see cref="ReconcileActive"/>): a resolve stores itself before it tells the directory, and a
/// directory whose silo died in between would list the case active until the case's wake-up.
/// </remarks>
public sealed class CaseDirectoryGrain(ILogger<CaseDirectoryGrain> logger) : Grain, ICaseDirectoryGrain
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
        // After activation, not in it: the cases are asked while the list already answers.
        this.RegisterGrainTimer(ReconcileActive, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <inheritdoc />
    public Task Upsert(CaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return UpsertMany([summary]);
    }

    /// <inheritdoc />
    public async Task<bool[]> UpsertMany(CaseSummary[] summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var taken = new bool[summaries.Length];
        var before = new Dictionary<string, CaseSummary?>();
        for (var i = 0; i < summaries.Length; i++)
        {
            var summary = summaries[i];
            var known = _cases.GetValueOrDefault(summary.Id);
            if (known is not null && known.Version > summary.Version)
            {
                continue;
            }

            before.TryAdd(summary.Id, known);
            _cases.Set(summary.Id, summary);
            taken[i] = true;
        }

        if (before.Count == 0)
        {
            return taken;
        }

        try
        {
            await _cases.Write(before.Keys);
        }
        catch
        {
            // The cases retry; until then the list shows what storage holds.
            foreach (var (id, known) in before)
            {
                if (known is null)
                {
                    _cases.Remove(id);
                }
                else
                {
                    _cases.Set(id, known);
                }
            }

            throw;
        }

        return taken;
    }

    /// <inheritdoc />
    public Task<CaseSummary[]> List(CaseStatus? status) => Task.FromResult(
        _cases.Values
            .Where(c => status is null || c.Status == status)
            .OrderByDescending(c => c.CreatedAt)
            .ToArray());

    /// <summary>
    /// Each case listed active that no longer alerts is told to send its line again
    /// (<see cref="ICaseGrain.TellDirectory"/>, one-way: it comes back as an <see cref="Upsert"/>).
    /// A case that cannot answer is left as listed: its own wake-up retries its update.
    /// </summary>
    private async Task ReconcileActive(CancellationToken cancellationToken)
    {
        var listed = _cases.Values.Where(c => c.Status == CaseStatus.Active).Select(c => c.Id).ToList();
        await Task.WhenAll(listed.Select(async id =>
        {
            var caseGrain = GrainFactory.GetGrain<ICaseGrain>(id);
            try
            {
                if (!await caseGrain.IsAlerting())
                {
                    await caseGrain.TellDirectory();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CaseLog.NotReconciled(logger, ex, id);
            }
        }));
    }

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
