namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// Hands region batches and control-room events to a gateway sink. A stateless worker: one per
/// silo, local to the caller.
/// </summary>
[Alias("ew.IDispatchGrain")]
public interface IDispatchGrain : IGrainWithIntegerKey
{
    /// <summary>Delivers the batch through one live gateway; throws when none is reachable.</summary>
    [Alias("dispatch")]
    Task Dispatch(AlertBatch batch);

    /// <summary>Publishes a control-room event through one live gateway. Best effort: a failure is logged, never thrown.</summary>
    [Alias("publish")]
    Task Publish(ControlRoomEvent controlRoomEvent);
}
