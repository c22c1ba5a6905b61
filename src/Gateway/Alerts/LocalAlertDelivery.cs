using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Dispatch;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Sends a batch's alerts to the recipients connected to this gateway, straight to their
/// connections (<see cref="LocalConnections"/>; a send to a local connection id never crosses the
/// backplane), and tells the case's tally (never the case) which subscribers' <c>new</c> was
/// written to a live connection here: that is <c>delivered</c>. Every gateway runs this for every batch (<see cref="IBatchRelay"/>),
/// each for its own connections; a batch seen before is skipped (<see cref="RecentBatches"/>).
/// </summary>
public sealed class LocalAlertDelivery(
    IHubContext<AlertHub> hub,
    LocalConnections connections,
    IGrainFactory grains,
    AlertMetrics metrics,
    TimeProvider time,
    ILogger<LocalAlertDelivery> logger)
{
    private readonly RecentBatches _recent = new();

    /// <summary>Sends to the connections held here; completes once each is written (or failed).</summary>
    public async Task Deliver(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_recent.FirstTime(batch))
        {
            AlertLog.BatchRepeated(logger, batch.CaseId, batch.Version);
            return;
        }

        var local = new List<(AlertRecipient Recipient, string[] Connections)>();
        foreach (var recipient in batch.Recipients)
        {
            if (connections.TryGet(recipient.SubscriberId, out var held))
            {
                local.Add((recipient, held));
            }
        }

        if (local.Count == 0)
        {
            return;
        }

        var composed = AlertComposer.Compose(batch with { Recipients = [.. local.Select(l => l.Recipient)] }).ToList();
        var sends = new Task<bool>[composed.Count];
        for (var i = 0; i < composed.Count; i++)
        {
            sends[i] = Send(local[i].Connections, composed[i].Message);
        }

        var written = await Task.WhenAll(sends);
        var sent = written.Count(w => w);
        string[] reachedNew = [.. local.Where((l, i) => written[i] && l.Recipient.Kind == AlertKind.New).Select(l => l.Recipient.SubscriberId)];
        var latencyMs = Math.Max(0, (time.GetUtcNow() - batch.IssuedAt).TotalMilliseconds);
        metrics.Delivered(sent, latencyMs);
        AlertLog.BatchDelivered(logger, batch.CaseId, batch.Version, sent);
        if (sent > 0)
        {
            try
            {
                // The tally counts each subscriber once, however often a retried batch reaches them.
                await grains.GetGrain<ICaseTallyGrain>(batch.CaseId).RecordDelivery(batch.Version, reachedNew, sent, latencyMs);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A figure, not an alert: the sends stand, and the batch is not retried for it.
                AlertLog.DeliveryNotCounted(logger, ex, batch.CaseId, batch.Version);
            }
        }
    }

    /// <summary>True when the alert was written to at least one of the subscriber's connections here.</summary>
    private async Task<bool> Send(string[] connectionIds, AlertMessage message)
    {
        var any = false;
        foreach (var connectionId in connectionIds)
        {
            try
            {
                await hub.Clients.Client(connectionId).SendAsync(HubMethods.Alert, message);
                any = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AlertLog.SendFailed(logger, ex, message.CaseId, message.Version);
            }
        }

        return any;
    }
}
