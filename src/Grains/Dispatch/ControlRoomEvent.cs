using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>One live event for the control room; exactly one of its fields is set.</summary>
[GenerateSerializer, Immutable, Alias("ew.control-room-event")]
public sealed record ControlRoomEvent(
    CaseSnapshot? CaseChanged = null,
    SightingRecord? SightingReported = null,
    DispatchStats? Stats = null,
    FieldTeamPosition? FieldTeamMoved = null)
{
    /// <summary>Sends the event to <paramref name="sink"/> through the matching method.</summary>
    public Task SendTo(IAlertSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return this switch
        {
            { CaseChanged: { } c } => sink.CaseChanged(c),
            { SightingReported: { } s } => sink.SightingReported(s),
            { Stats: { } d } => sink.StatsChanged(d),
            { FieldTeamMoved: { } f } => sink.FieldTeamMoved(f),
            _ => Task.CompletedTask,
        };
    }
}
