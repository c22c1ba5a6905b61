using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Dispatch;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Sends a batch's alerts to the recipients connected to this gateway, straight to their
/// connections (<see cref="LocalConnections"/>; a send to a local connection id never crosses the
/// backplane), and tells the case's tally (never the case; in the background, <see cref="DeliveryCounts"/>)
/// which subscribers' <c>new</c> was written to a live connection here: that is <c>delivered</c>. Every gateway runs this for every batch (<see cref="IBatchRelay"/>),
/// each for its own connections; a batch seen before is skipped (<see cref="RecentBatches"/>).
/// </summary>
public sealed class LocalAlertDelivery(
    IHubContext<AlertHub> hub,
    LocalConnections connections,
    DeliveryCounts counts,
    AlertMetrics metrics,
    TimeProvider time,
    ILogger<LocalAlertDelivery> logger)
{
    /// <summary>
    /// How many sends are started before the rest of the gateway gets a turn. Starting a batch's
    /// 16 000 sends at once queued as many socket writes ahead of everything else on the thread
    /// pool: under load the sink's confirmation to the silo, Orleans' messages and the cluster
    /// probe waited behind them for seconds, so silos timed the sink out and sent the batch again
    /// through another gateway (a 100 000-socket run relayed each batch ~7 times), and probes
    /// reported outages that were not.
    /// </summary>
    internal const int SendSlice = 256;

    private readonly RecentBatches _recent = new();

    /// <summary>
    /// Sends to the connections held here; completes once every send has started, and counts what
    /// was written when the sends are done, in the background. Waiting for the writes held every
    /// later batch of every case behind one stalled phone: a socket whose buffers are full waits
    /// in its flush until the client times out (30 s), and batches reach this gateway one by one.
    /// A connection's own messages stay in order (its writes queue behind each other).
    /// </summary>
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
            if (connections.Next(recipient.SubscriberId, batch.CaseId, batch.Version, recipient.Kind) is (var held, var kind))
            {
                local.Add((recipient with { Kind = kind }, held));
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
            if (i > 0 && i % SendSlice == 0)
            {
                // Behind the writes queued so far, not ahead of the work that was waiting: no send
                // waits for another (a slow phone holds up no one), the queue just stays short.
                await Task.Yield();
            }

            sends[i] = Send(local[i].Connections, composed[i].Message);
        }

        _ = Count(batch, local, sends);
    }

    /// <summary>Once every send of the batch is done: the metrics, and the tally's <c>delivered</c>.</summary>
    private async Task Count(AlertBatch batch, List<(AlertRecipient Recipient, string[] Connections)> local, Task<bool>[] sends)
    {
        bool[] written;
        try
        {
            written = await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            // A send cancelled as its connection closed: counted as not written, like any failure.
            AlertLog.SendFailed(logger, ex, batch.CaseId, batch.Version);
            written = [.. sends.Select(t => t.IsCompletedSuccessfully && t.Result)];
        }

        var sent = written.Count(w => w);
        string[] reachedNew = [.. local.Where((l, i) => written[i] && l.Recipient.Kind == AlertKind.New).Select(l => l.Recipient.SubscriberId)];
        var latencyMs = Math.Max(0, (time.GetUtcNow() - batch.IssuedAt).TotalMilliseconds);
        metrics.Delivered(sent, latencyMs);
        AlertLog.BatchDelivered(logger, batch.CaseId, batch.Version, sent);
        if (sent > 0)
        {
            // Not awaited: the next batch (of any case) must not wait on a tally's silo.
            counts.Record(batch.CaseId, batch.Version, reachedNew, sent, latencyMs);
        }
    }

    /// <summary>
    /// True when the alert was written to at least one of the subscriber's connections here; to
    /// each at once, so one stalled socket (a tab) does not hold the phone's others (the app).
    /// </summary>
    private async Task<bool> Send(string[] connectionIds, AlertMessage message)
    {
        var written = await Task.WhenAll(connectionIds.Select(connectionId => SendTo(connectionId, message)));
        return written.Contains(true);
    }

    private async Task<bool> SendTo(string connectionId, AlertMessage message)
    {
        try
        {
            await hub.Clients.Client(connectionId).SendAsync(HubMethods.Alert, message);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AlertLog.SendFailed(logger, ex, message.CaseId, message.Version);
            return false;
        }
    }
}
