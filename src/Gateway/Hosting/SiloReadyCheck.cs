using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Outages;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// Ready when the silo answers, grain storage can be read and this gateway's alert sink is
/// registered: only then can alerts flow. In client mode the cluster monitor's last verdict says
/// whether the silos and storage answer, so a probe during an outage answers at once.
/// </summary>
public sealed class SiloReadyCheck(IGrainFactory grains, SinkRegistration registration, ClusterAvailability availability) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!availability.IsAvailable)
        {
            return HealthCheckResult.Unhealthy($"The cluster is unavailable: {availability.Reason}");
        }

        if (!registration.IsRegistered)
        {
            return HealthCheckResult.Unhealthy("The alert sink is not registered with the silo.");
        }

        // The monitor probed storage through a silo within the last half second; asking again
        // here would make a load balancer's probe wait out a timeout the monitor already took.
        if (availability.IsMonitored)
        {
            return HealthCheckResult.Healthy("The cluster and its storage answer; the alert sink is registered.");
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
