namespace EarlyWarning.Grains.Dispatch;

/// <summary>Hands region batches to a gateway sink. A stateless worker: one per silo, local to the calling region.</summary>
[Alias("ew.IDispatchGrain")]
public interface IDispatchGrain : IGrainWithIntegerKey
{
    /// <summary>Delivers the batch through one live gateway; throws when none is reachable.</summary>
    [Alias("dispatch")]
    Task Dispatch(AlertBatch batch);
}
