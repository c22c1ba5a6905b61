using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Cases;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// This gateway's <see cref="IAlertSink"/>: sends each recipient its <c>alert</c> through its own group, and
/// control-room events to the operators' group, so the Redis backplane (client mode) reaches
/// connections held by other gateways too. Recipients with a Web Push subscription also go to the
/// push queue: a batch reaches one gateway, so each is pushed once however many gateways run.
/// </summary>
public sealed class HubAlertSink(
    IHubContext<AlertHub> hub, IGrainFactory grains, AlertMetrics metrics, PushOutbox pushes, TimeProvider time, ILogger<HubAlertSink> logger) : IAlertSink
{
    public async Task Deliver(AlertBatch batch)
    {
        var sends = AlertComposer.Compose(batch)
            .Select(m => hub.Clients.Group(HubMethods.SubscriberGroup(m.SubscriberId)).SendAsync(HubMethods.Alert, m.Message))
            .ToList();
        var reached = batch.Recipients.Count(r => r.Kind == AlertKind.New);
        metrics.Dispatched(sends.Count);
        await Task.WhenAll(sends);
        var latencyMs = Math.Max(0, (time.GetUtcNow() - batch.IssuedAt).TotalMilliseconds);
        metrics.Delivered(sends.Count, latencyMs);
        AlertLog.BatchDelivered(logger, batch.CaseId, batch.Version, sends.Count);

        // One-way: the case may be awaiting the very push that produced this batch.
        await grains.GetGrain<ICaseGrain>(batch.CaseId).RecordDelivery(batch.Version, reached, sends.Count, latencyMs);

        // After the live sends: a full push outbox holds this tile's next batch (for a while), never this one's sockets.
        var (_, dropped) = await pushes.Enqueue(batch);
        if (dropped > 0)
        {
            metrics.PushFailed(dropped);
            PushLog.Dropped(logger, batch.CaseId, batch.Version, dropped);
        }
    }

    public Task CaseChanged(CaseSnapshot snapshot) =>
        ControlRoom.SendAsync(HubMethods.CaseUpdated, CaseViewMapping.ForOperators(snapshot));

    public Task SightingReported(SightingRecord sighting) =>
        ControlRoom.SendAsync(HubMethods.SightingReported, CaseViewMapping.ForOperators(sighting));

    public Task StatsChanged(DispatchStats stats) =>
        ControlRoom.SendAsync(HubMethods.DispatchStats, new DispatchStatsView(stats.CaseId, stats.Alerted, stats.Delivered, stats.Acknowledged, stats.P50Ms, stats.P99Ms, stats.Pushed));

    public Task FieldTeamMoved(FieldTeamPosition position) =>
        ControlRoom.SendAsync(HubMethods.FieldTeamMoved, new FieldTeamMovedView(position.SubscriberId, position.Lat, position.Lon, position.At));

    private IClientProxy ControlRoom => hub.Clients.Group(HubMethods.ControlRoomGroup);
}
