using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// The tile's delivery: one version's batch in flight at a time, handed to a gateway sink
/// (<see cref="GatewaySinks"/>) in parts of at most <see cref="RegionOptions.MaxBatchRecipients"/>,
/// each through its own sink and confirmed on its own; a confirmed batch's <c>new</c> recipients leave
/// <see cref="RegionState.Unconfirmed"/>, and whom it alerted goes to the case's tally
/// (<see cref="AlertedCount"/>).
/// </summary>
public sealed partial class RegionGrain
{
    // Confirmed batches whose Unconfirmed entries are cleared in memory, not yet stored (see DeliverInParts).
    private IGrainTimer? _confirmTimer;

    // The batch last handed to the gateways, still being delivered perhaps. A push does not wait
    // for its own batch: a gateway sending 1 000 alerts took tens of milliseconds, and every
    // location update for the tile waited behind it. Versions still go out one after another
    // (each waits for the one before), so a tile never has more than one version's parts in flight.
    private Task _delivering = Task.CompletedTask;

    // Whom the batches alerted, told to the cases' tallies; reports a tally did not take are retried on a timer.
    private AlertedCount _alertedCount = null!;
    private IGrainTimer? _countTimer;

    /// <summary>
    /// A sink took the batch (or one part of it): its <c>new</c> recipients are confirmed in
    /// memory; true when that changed the list, which <see cref="DeliverInParts"/> then stores.
    /// </summary>
    private bool Confirmed(AlertBatch batch)
    {
        if (!S.Unconfirmed.TryGetValue(batch.CaseId, out var unconfirmed))
        {
            return false;
        }

        var changed = false;
        foreach (var recipient in batch.Recipients)
        {
            changed |= recipient.Kind == AlertKind.New && unconfirmed.Remove(recipient.SubscriberId);
        }

        if (unconfirmed.Count == 0)
        {
            S.Unconfirmed.Remove(batch.CaseId);
        }

        return changed;
    }

    private async Task StoreConfirmations(CancellationToken cancellationToken)
    {
        _confirmTimer?.Dispose();
        _confirmTimer = null;
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>
    /// Counts its <c>new</c> alerts at the case's tally, then hands the batch to the gateways once
    /// the one before it is delivered, and returns without waiting for its own delivery (see <see cref="_delivering"/>).
    /// </summary>
    private async Task Send(ZoneSnapshot zone, List<AlertRecipient> recipients)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var batch = new AlertBatch(zone.CaseId, zone.Version, zone.Level, zone.ComputedAt, zone.Child, zone.Anchors, [.. recipients], zone.Exercise);
        await PreviousDelivery();
        _delivering = DeliverInParts(zone, batch);

        // While the batch goes out, not before it: a tally whose silo just died must not hold the
        // alerts (it did, for Orleans' response timeout). Still before the push returns.
        await _alertedCount.Report(zone, recipients);
        if (_alertedCount.HasPending)
        {
            // Interleaved: a tally whose silo died answers no report for its response timeout (5 s),
            // and a tile waiting out each retry took no move, no zone and no other case's batch.
            _countTimer ??= this.RegisterGrainTimer(
                RetryCounts, new GrainTimerCreationOptions(AlertedCount.RetryInterval, AlertedCount.RetryInterval) { Interleave = true });
        }
    }

    private async Task RetryCounts(CancellationToken cancellationToken)
    {
        await _alertedCount.RetryPending();
        if (!_alertedCount.HasPending)
        {
            _countTimer?.Dispose();
            _countTimer = null;
        }
    }

    // Deliver logs its own failures; whatever else ends it must not fail the next push. On the
    // grain's scheduler, as every await here.
    private async Task PreviousDelivery() =>
        await _delivering.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

    /// <summary>
    /// Hands the batch's parts to their sinks all at once, then stores the confirmations in a turn
    /// of its own (a timer, not interleaved with a call that may be writing): a list left stale by
    /// a crash would send them new again. Once for the version, not once per part: a crowded
    /// tile's state holds its whole ledger (95 722 subscribers' ids in the 100 000-socket run),
    /// and a part confirmed but not yet stored when the silo dies costs only a <c>new</c> sent
    /// again, which the gateways show as an update.
    /// </summary>
    private async Task DeliverInParts(ZoneSnapshot zone, AlertBatch batch)
    {
        var confirmed = await Task.WhenAll(batch.Split(options.Value.MaxBatchRecipients).Select(part => Deliver(zone, part)));
        if (confirmed.Contains(true))
        {
            _confirmTimer ??= this.RegisterGrainTimer(StoreConfirmations, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Hands one part to a sink; true when its confirmation changed the unconfirmed list.</summary>
    private async Task<bool> Deliver(ZoneSnapshot zone, AlertBatch batch)
    {
        var recipients = batch.Recipients.Length;
        try
        {
            var changed = await sinks.Dispatch(batch) && Confirmed(batch);
            RegionLog.BatchSent(logger, _tile.ToGrainKey(), zone.CaseId, zone.Version, recipients);
            return changed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ledger is stored: a delivery failure must not undo or refuse what the case accepted.
            // Subscribers get the next update, or catch up when they reconnect.
            RegionLog.DispatchFailed(logger, ex, _tile.ToGrainKey(), zone.CaseId, zone.Version, recipients);
            return false;
        }
    }
}
