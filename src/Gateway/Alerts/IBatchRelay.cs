using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Carries a batch from the gateway whose sink took it to every gateway, each of which sends it
/// to its own connections (<see cref="LocalAlertDelivery"/>). Embedded, the one gateway is all of
/// them (<see cref="LocalBatchRelay"/>); in a cluster, one Redis message per batch (<see cref="RedisBatchRelay"/>).
/// </summary>
public interface IBatchRelay
{
    /// <summary>Completes once every gateway has the batch (or, in a cluster, Redis has taken it for them); throws when it cannot.</summary>
    Task Relay(AlertBatch batch);
}
