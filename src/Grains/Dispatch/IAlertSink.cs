using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// A gateway's receiver (a grain observer): alert batches for subscribers, and the control room's
/// live events. Each goes to one gateway; the SignalR backplane reaches the others' connections.
/// </summary>
[Alias("ew.IAlertSink")]
public interface IAlertSink : IGrainObserver
{
    /// <summary>Sends the batch's alerts; completes when they are handed to the connections.</summary>
    [Alias("deliver")]
    Task Deliver(AlertBatch batch);

    /// <summary>
    /// Tells the control room of several events, in order (a silo's <see cref="ControlRoomOutbox"/>
    /// sends what its grains posted since its last call); each as its own method below would.
    /// </summary>
    [Alias("control-room")]
    Task ControlRoom(ControlRoomEvent[] events);

    /// <summary>Tells the control room a case changed (operators' view, contacts included).</summary>
    [Alias("case-changed")]
    Task CaseChanged(CaseSnapshot snapshot);

    /// <summary>
    /// Tells the control room a case changed and what changed (<paramref name="change"/>): the whole
    /// case to connections that take <c>caseUpdated</c>, only the changed parts to those that opted in to <c>caseDelta</c>.
    /// </summary>
    [Alias("case-changed-delta")]
    Task CaseChanged(CaseSnapshot snapshot, CaseChange change);

    /// <summary>Tells the control room a sighting came in.</summary>
    [Alias("sighting-reported")]
    Task SightingReported(SightingRecord sighting);

    /// <summary>Tells the control room how a case's alerts are doing.</summary>
    [Alias("dispatch-stats")]
    Task StatsChanged(DispatchStats stats);

    /// <summary>Tells the control room a field team moved.</summary>
    [Alias("field-team-moved")]
    Task FieldTeamMoved(FieldTeamPosition position);

    /// <summary>Tells the control room a field account deleted its subscription: its position is no longer kept.</summary>
    [Alias("field-team-left")]
    Task FieldTeamLeft(string subscriberId);
}
