using System.Diagnostics;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// How long a work item queued now waits before this process's thread pool starts it. A cluster
/// probe that times out while the pool itself is that far behind says more about this gateway
/// (100 000 phones connecting at once, a fan-out's sends) than about the cluster.
/// </summary>
public class ThreadPoolDelay
{
    /// <summary>Queues a no-op; the task answers how long it waited to start.</summary>
    public virtual Task<TimeSpan> Measure()
    {
        var queued = Stopwatch.GetTimestamp();
        return Task.Run(() => Stopwatch.GetElapsedTime(queued));
    }
}
