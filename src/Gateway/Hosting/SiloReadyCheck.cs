using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// Ready when the silo answers, grain storage can be read and this gateway's alert sink is
/// registered: only then can alerts flow.
/// </summary>
public sealed class SiloReadyCheck(IGrainFactory grains, SinkRegistration registration) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!registration.IsRegistered)
        {
            return HealthCheckResult.Unhealthy("The alert sink is not registered with the silo.");
        }

        IAlertSink[] sinks;
        try
        {
            sinks = await grains.GetGrain<ISinkRegistryGrain>(0).GetSinks().WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The silo does not answer.", ex);
        }

        try
        {
            await grains.GetGrain<IStorageProbeGrain>(0).Probe().WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Grain storage cannot be read.", ex);
        }

        return HealthCheckResult.Healthy($"{sinks.Length} gateway sink(s) registered; storage answers.");
    }
}
