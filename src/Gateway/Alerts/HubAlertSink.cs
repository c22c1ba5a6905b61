using EarlyWarning.Gateway.Cases;
using EarlyWarning.Gateway.Partners;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// This gateway's <see cref="IAlertSink"/>: relays each batch to every gateway (<see cref="IBatchRelay"/>),
/// each of which writes the alerts to its own connections and counts them delivered, and sends
/// control-room events to the operators' group, so the Redis backplane (client mode) reaches
/// connections held by other gateways too. Recipients with a Web Push subscription also go to the
/// push queue: a batch reaches one sink, so each is pushed once however many gateways run (a
/// batch retried after a sink's silence may be pushed again: the service worker shows a case
/// version once). A public case's change is also queued for partner webhooks (<see cref="PartnerFanout"/>).
/// </summary>
public sealed class HubAlertSink(
    IHubContext<AlertHub> hub, IBatchRelay relay, AlertMetrics metrics, PushOutbox pushes, PartnerFanout partners, ILogger<HubAlertSink> logger) : IAlertSink
{
    private volatile bool _stopping;
    private int _delivering;

    /// <summary>
    /// From now on <see cref="Deliver"/> refuses batches, so the silo gives them to another gateway:
    /// this one is stopping, and pushes it queued now might not be sent before it goes.
    /// </summary>
    public void StopTaking() => _stopping = true;

    /// <summary>A batch taken before <see cref="StopTaking"/> is still on its way to the push outbox: a drain waits for it.</summary>
    public bool Delivering => Volatile.Read(ref _delivering) > 0;

    /// <summary>Completes once the batch is relayed (every gateway has it, or Redis has taken it for them): the silo's confirmation.</summary>
    public async Task Deliver(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // Counted before the check (each a full fence): a drain that saw no batch on its way, after
        // StopTaking, can miss none that got past the check.
        Interlocked.Increment(ref _delivering);
        try
        {
            if (_stopping)
            {
                throw new InvalidOperationException("This gateway is stopping; another takes the batch.");
            }

            metrics.Dispatched(batch.Recipients.Length);
            await relay.Relay(batch);

            // After the live sends: a full push outbox holds this tile's next batch (for a while), never this one's sockets.
            var (_, dropped) = await pushes.Enqueue(batch);
            if (dropped > 0)
            {
                metrics.PushFailed(dropped);
                PushLog.Dropped(logger, batch.CaseId, batch.Version, dropped);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _delivering);
        }
    }

    /// <summary>In order: a case's versions must reach the pages oldest first.</summary>
    public Task ControlRoom(ControlRoomEvent[] events) => ControlRoomEvent.SendEachTo(this, events);

    public Task CaseChanged(CaseSnapshot snapshot) => CaseChanged(snapshot, CaseChange.Everything(snapshot));

    /// <summary>The whole case to connections that did not opt in, only what changed to those that did.</summary>
    public Task CaseChanged(CaseSnapshot snapshot, CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(change);
        // Only queued: the case's event is not held up by partners' HTTP.
        partners.CaseChanged(snapshot);
        var view = CaseViewMapping.ForOperators(snapshot);
        return Task.WhenAll(
            hub.Clients.Group(HubMethods.ControlRoomCasesGroup).SendAsync(HubMethods.CaseUpdated, view),
            hub.Clients.Group(HubMethods.ControlRoomDeltasGroup).SendAsync(HubMethods.CaseDelta, ControlRoomDeltas.ToDelta(view, change)));
    }

    public Task SightingReported(SightingRecord sighting) =>
        ControlRoomGroup.SendAsync(HubMethods.SightingReported, CaseViewMapping.ForOperators(sighting));

    public Task StatsChanged(DispatchStats stats) =>
        ControlRoomGroup.SendAsync(HubMethods.DispatchStats, new DispatchStatsView(stats.CaseId, stats.Alerted, stats.Delivered, stats.Acknowledged, stats.P50Ms, stats.P99Ms, stats.Pushed));

    public Task FieldTeamMoved(FieldTeamPosition position) =>
        ControlRoomGroup.SendAsync(HubMethods.FieldTeamMoved, new FieldTeamMovedView(position.SubscriberId, position.Lat, position.Lon, position.At));

    public Task FieldTeamLeft(string subscriberId) =>
        ControlRoomGroup.SendAsync(HubMethods.FieldTeamLeft, new FieldTeamLeftView(subscriberId));

    private IClientProxy ControlRoomGroup => hub.Clients.Group(HubMethods.ControlRoomGroup);
}
