namespace EarlyWarning.Grains.Dispatch;

/// <summary>The live gateway sinks (a single grain, key 0). Not persisted: gateways re-register on a timer.</summary>
[Alias("ew.ISinkRegistryGrain")]
public interface ISinkRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers or refreshes a sink; it expires unless refreshed.</summary>
    [Alias("register")]
    Task Register(IAlertSink sink);

    /// <summary>Removes a sink (a gateway shutting down).</summary>
    [Alias("unregister")]
    Task Unregister(IAlertSink sink);

    /// <summary>The sinks registered and not expired.</summary>
    [Alias("sinks")]
    Task<IAlertSink[]> GetSinks();
}
