using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>The embedded mode's relay: this gateway holds every connection.</summary>
public sealed class LocalBatchRelay(LocalAlertDelivery local) : IBatchRelay
{
    public Task Relay(AlertBatch batch) => local.Deliver(batch);
}
