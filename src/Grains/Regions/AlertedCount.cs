using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// Tells a case's tally (never the case: it may be awaiting this tile) whom a tile's batches give
/// their <c>new</c>, after the ledger is stored, so a snapshot read once the push returns counts
/// them. A report the tally does not take (its silo just died) is kept here and sent again on the
/// tile's timer (<see cref="RetryPending"/>) for <see cref="RetryFor"/>: the tally counts by
/// subscriber id, so a report that landed before its answer was lost counts nobody twice; a
/// <c>new</c> sent again for an unconfirmed batch names the same subscribers too. One per tile
/// activation, used on its scheduler only.
/// </summary>
internal sealed class AlertedCount(IGrainFactory grains, string tile, TimeProvider time, ILogger logger)
{
    /// <summary>How long an unreported <c>new</c> is retried: long enough for a dead silo to be voted out.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);

    /// <summary>The wait between two attempts at the reports still owed.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly List<(string CaseId, long Version, string[] Alerted, long Since)> _pending = [];

    /// <summary>True while a report is owed: the tile keeps its retry timer running.</summary>
    public bool HasPending => _pending.Count > 0;

    /// <summary>Reports the batch's <c>new</c> recipients; a failure keeps it for <see cref="RetryPending"/>, never thrown.</summary>
    public async Task Report(ZoneSnapshot zone, IReadOnlyList<AlertRecipient> recipients)
    {
        string[] alerted = [.. recipients.Where(r => r.Kind == AlertKind.New).Select(r => r.SubscriberId)];
        if (alerted.Length > 0 && !await TrySend(zone.CaseId, zone.Version, alerted))
        {
            _pending.Add((zone.CaseId, zone.Version, alerted, time.GetTimestamp()));
        }
    }

    /// <summary>Sends each owed report again; keeps those still refused, drops those past <see cref="RetryFor"/>.</summary>
    /// <remarks>
    /// All at once, not one after another: each refused report took the tally's response timeout,
    /// so a tile owing ten reports to a dead silo's tallies waited 50 s per round. Reports made
    /// meanwhile (the tile's timer interleaves with its calls) join the list and are kept.
    /// </remarks>
    public async Task RetryPending()
    {
        var owed = _pending.ToArray();
        _pending.Clear();
        var sent = await Task.WhenAll(owed.Select(report => TrySend(report.CaseId, report.Version, report.Alerted)));
        for (var i = 0; i < owed.Length; i++)
        {
            if (!sent[i] && time.GetElapsedTime(owed[i].Since) < RetryFor)
            {
                _pending.Add(owed[i]);
            }
        }
    }

    private async Task<bool> TrySend(string caseId, long version, string[] alerted)
    {
        try
        {
            await grains.GetGrain<ICaseTallyGrain>(caseId).RecordAlerted(version, alerted);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A figure, not an alert: the batch goes out all the same.
            RegionLog.AlertedNotCounted(logger, ex, tile, caseId, version);
            return false;
        }
    }
}
