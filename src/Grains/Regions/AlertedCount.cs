using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// Tells a case's tally (never the case: it may be awaiting this tile) whom a batch gives their
/// <c>new</c>, after the tile's ledger is stored and before the batch goes out, so a snapshot read
/// once the push returns counts them. A <c>new</c> sent again for an unconfirmed batch names the
/// same subscribers: the tally counts each once.
/// </summary>
internal static class AlertedCount
{
    public static async Task Report(IGrainFactory grains, string tile, ZoneSnapshot zone, IReadOnlyList<AlertRecipient> recipients, ILogger logger)
    {
        string[] alerted = [.. recipients.Where(r => r.Kind == AlertKind.New).Select(r => r.SubscriberId)];
        if (alerted.Length == 0)
        {
            return;
        }

        try
        {
            await grains.GetGrain<ICaseTallyGrain>(zone.CaseId).RecordAlerted(zone.Version, alerted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A figure, not an alert: the batch goes out all the same.
            RegionLog.AlertedNotCounted(logger, ex, tile, zone.CaseId, zone.Version);
        }
    }
}
