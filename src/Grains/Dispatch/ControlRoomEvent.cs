using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// One live event for the control room; exactly one of its first four fields, or
/// <see cref="FieldTeamLeft"/>, is set. <see cref="Change"/> comes with <see cref="CaseChanged"/>:
/// what changed since the case's last event (added last, so an event without it still reads; the
/// gateway then treats everything as changed). <see cref="FieldTeamLeft"/>: the id of a field
/// account that deleted its subscription (added after it, for the same reason).
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.control-room-event")]
public sealed record ControlRoomEvent(
    CaseSnapshot? CaseChanged = null,
    SightingRecord? SightingReported = null,
    DispatchStats? Stats = null,
    FieldTeamPosition? FieldTeamMoved = null,
    CaseChange? Change = null,
    string? FieldTeamLeft = null)
{
    /// <summary>Sends <paramref name="events"/> to <paramref name="sink"/> one after the other, each through its method: what a sink's <see cref="IAlertSink.ControlRoom"/> does.</summary>
    public static async Task SendEachTo(IAlertSink sink, IEnumerable<ControlRoomEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var controlRoomEvent in events)
        {
            await controlRoomEvent.SendTo(sink);
        }
    }

    /// <summary>Sends the event to <paramref name="sink"/> through the matching method.</summary>
    public Task SendTo(IAlertSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return this switch
        {
            { CaseChanged: { } c, Change: { } change } => sink.CaseChanged(c, change),
            { CaseChanged: { } c } => sink.CaseChanged(c),
            { SightingReported: { } s } => sink.SightingReported(s),
            { Stats: { } d } => sink.StatsChanged(d),
            { FieldTeamMoved: { } f } => sink.FieldTeamMoved(f),
            { FieldTeamLeft: { } id } => sink.FieldTeamLeft(id),
            _ => Task.CompletedTask,
        };
    }
}
