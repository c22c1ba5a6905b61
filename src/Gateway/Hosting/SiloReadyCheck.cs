using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>Ready when the silo answers and this gateway's alert sink is registered: only then can alerts flow.</summary>
public sealed class SiloReadyCheck(IGrainFactory grains, SinkRegistration registration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!registration.IsRegistered)
        {
            return HealthCheckResult.Unhealthy("The alert sink is not registered with the silo.");
        }

        try
        {
            var sinks = await grains.GetGrain<ISinkRegistryGrain>(0).GetSinks().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"{sinks.Length} gateway sink(s) registered.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The silo does not answer.", ex);
        }
    }
}
