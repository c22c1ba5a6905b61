using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// Client mode: no grain call leaves while the cluster is known to be down (it would wait out
/// Orleans' 30 s response timeout), and a call on its way when the cluster goes down stops
/// waiting at once. Only the monitor's own probe always goes, and Orleans' own system calls (the
/// cluster manifest, the gateway list), which must carry on to notice the cluster is back.
/// </summary>
public sealed class ClusterCallFilter(ClusterAvailability availability) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (GrainTypePrefix.IsSystemTarget(context.TargetId) || context.InterfaceMethod?.DeclaringType == typeof(IStorageProbeGrain))
        {
            await context.Invoke();
            return;
        }

        // Taken before the check: an outage between the two still ends the wait.
        var lost = availability.Lost;
        if (!availability.IsAvailable)
        {
            throw new ClusterUnavailableException(availability.Reason ?? "The cluster is unavailable.", mayHaveBeenApplied: false);
        }

        var call = context.Invoke();
        if (!call.IsCompleted && await Task.WhenAny(call, lost) != call)
        {
            // Nobody awaits the call any more: observe its fault so it is not reported as unobserved.
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new ClusterUnavailableException(availability.Reason ?? "The cluster became unavailable.", mayHaveBeenApplied: true);
        }

        await call;
    }
}
