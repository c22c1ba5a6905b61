namespace EarlyWarning.Grains.Hosting;

/// <summary>Reads its (empty) state from grain storage on every call: readiness probes ask it whether storage answers.</summary>
[Alias("ew.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Completes once a read from grain storage has; throws when storage cannot be read.</summary>
    [Alias("probe")]
    Task Probe();
}
