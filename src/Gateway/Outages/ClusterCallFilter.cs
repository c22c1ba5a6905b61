using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// Client mode: no grain call leaves while the cluster is known to be down (it would wait out
/// Orleans' 30 s response timeout), and a call on its way when the cluster is found unreachable
/// stops waiting at once; a call on its way when one silo of several leaves, or when the probes
/// find the cluster too slow, stops waiting after <see cref="OutageOptions.InFlightGrace"/> (no
/// silo answers for the one that left, so a call to it would wait 30 s; a slow cluster may still
/// answer it). Only the monitor's own probe always goes, and Orleans' own system calls (the
/// cluster manifest, the gateway list), which must carry on to notice the cluster is back.
/// </summary>
public sealed class ClusterCallFilter(ClusterAvailability availability, IOptions<OutageOptions> options) : IOutgoingGrainCallFilter
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
        var siloLeft = availability.SiloLeft;
        var slow = availability.Slow;
        if (!availability.IsAvailable)
        {
            throw new ClusterUnavailableException(availability.Reason ?? "The cluster is unavailable.", mayHaveBeenApplied: false);
        }

        var call = context.Invoke();
        if (!call.IsCompleted)
        {
            var first = await Task.WhenAny(call, lost, siloLeft, slow);
            if (first == siloLeft || first == slow)
            {
                // Only now a timer: calls on their way when nothing happens cost none.
                var why = first == siloLeft ? "A silo left" : "The cluster stopped answering in time";
                using var grace = new CancellationTokenSource(options.Value.InFlightGrace);
                first = await Task.WhenAny(call, lost, Task.Delay(Timeout.Infinite, grace.Token));
                if (first != call && first != lost)
                {
                    StopWaiting(call);
                    throw new ClusterUnavailableException($"{why} while this request was on its way; it may have been applied.", mayHaveBeenApplied: true);
                }
            }

            if (first == lost)
            {
                StopWaiting(call);
                throw new ClusterUnavailableException(availability.Reason ?? "The cluster became unavailable.", mayHaveBeenApplied: true);
            }
        }

        await call;
    }

    /// <summary>Nobody awaits the call any more: its fault is observed so it is not reported as unobserved.</summary>
    private static void StopWaiting(Task call) =>
        _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
