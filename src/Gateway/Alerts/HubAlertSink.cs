using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// This gateway's <see cref="IAlertSink"/>: sends each recipient its <c>alert</c> by user id, so
/// the Redis backplane (client mode) reaches connections held by other gateways too.
/// </summary>
public sealed class HubAlertSink(IHubContext<AlertHub> hub, IGrainFactory grains, ILogger<HubAlertSink> logger) : IAlertSink
{
    public async Task Deliver(AlertBatch batch)
    {
        var sends = AlertComposer.Compose(batch)
            .Select(m => hub.Clients.User(m.SubscriberId).SendAsync(HubMethods.Alert, m.Message))
            .ToList();
        await Task.WhenAll(sends);
        AlertLog.BatchDelivered(logger, batch.CaseId, batch.Version, sends.Count);

        // One-way: the case may be awaiting the very push that produced this batch.
        await grains.GetGrain<ICaseGrain>(batch.CaseId).RecordDelivery(batch.Version, sends.Count);
    }
}
