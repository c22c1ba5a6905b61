using Orleans.Concurrency;

namespace EarlyWarning.Grains.Hosting;

/// <inheritdoc cref="IStorageProbeGrain" />
/// <remarks>
/// A stateless worker, so each silo answers for itself: as one grain it lived on one silo, and
/// when that silo died every gateway took the whole cluster for down (503 on every request)
/// until membership declared the silo dead.
/// </remarks>
[StatelessWorker(1)]
public sealed class StorageProbeGrain(
    [PersistentState("storage-probe", StorageNames.Default)] IPersistentState<Dictionary<string, long>> state)
    : Grain, IStorageProbeGrain
{
    /// <inheritdoc />
    public Task Probe() => state.ReadStateAsync();
}
