namespace EarlyWarning.Grains.Hosting;

/// <inheritdoc cref="IStorageProbeGrain" />
public sealed class StorageProbeGrain(
    [PersistentState("storage-probe", StorageNames.Default)] IPersistentState<Dictionary<string, long>> state)
    : Grain, IStorageProbeGrain
{
    /// <inheritdoc />
    public Task Probe() => state.ReadStateAsync();
}
