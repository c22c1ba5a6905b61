namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// Whether the cluster (every silo, and the Redis behind their storage and membership) answers,
/// as <see cref="ClusterMonitor"/> last found it. Embedded mode has no monitor: its silo is this
/// process, so the cluster counts as always there and storage faults surface as exceptions.
/// </summary>
public sealed class ClusterAvailability
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _siloLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _slow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _reachedBefore;
    private readonly TimeProvider _time;
    private long _lostTimestamp;

    /// <summary>
    /// Unmonitored (embedded): always available. Monitored: unknown, so unavailable, until the first
    /// probe. <paramref name="time"/> times outages (the system's clock unless a test gives one).
    /// </summary>
    public ClusterAvailability(bool monitored, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        IsMonitored = monitored;
        IsAvailable = !monitored;
        Reason = monitored ? "The cluster has not been reached yet." : null;
    }

    /// <summary>True in client mode, where <see cref="ClusterMonitor"/> probes the cluster.</summary>
    public bool IsMonitored { get; }

    public bool IsAvailable { get; private set; }

    /// <summary>How long the last outage lasted, from the verdict that began it to the one that ended it (set before <see cref="Recovered"/> is raised).</summary>
    public TimeSpan LastOutage { get; private set; }

    /// <summary>What the last failed probe saw; null while available.</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// Completes when the cluster is next found unreachable (refused, not merely slow): a call in
    /// flight stops waiting then.
    /// </summary>
    public Task Lost
    {
        get
        {
            lock (_lock)
            {
                return _lost.Task;
            }
        }
    }

    /// <summary>
    /// Completes when the cluster is next found unavailable because it answered too slowly
    /// (<see cref="MarkUnavailable"/> with <c>slow</c>): new calls are refused from then on, but a
    /// call in flight may still be answered, so it waits a grace first. Under CPU load the probes
    /// miss now and then while everything still works: cutting every call on its way short then
    /// answered 504 for requests about to succeed.
    /// </summary>
    public Task Slow
    {
        get
        {
            lock (_lock)
            {
                return _slow.Task;
            }
        }
    }

    /// <summary>
    /// Completes when one of the silos this gateway is connected to next goes away while others
    /// still answer (<see cref="MarkSiloLeft"/>): a call already on its way to it would wait out
    /// Orleans' response timeout, since no silo answers for a dead one's requests.
    /// </summary>
    public Task SiloLeft
    {
        get
        {
            lock (_lock)
            {
                return _siloLeft.Task;
            }
        }
    }

    /// <summary>A silo's connection closed: completes <see cref="SiloLeft"/> for the calls on their way now, not for later ones.</summary>
    public void MarkSiloLeft()
    {
        TaskCompletionSource left;
        lock (_lock)
        {
            left = _siloLeft;
            _siloLeft = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        left.TrySetResult();
    }

    /// <summary>Raised once each time the cluster comes back (the sink re-registers at once, not at its next refresh).</summary>
    public event Action? Recovered;

    /// <summary>
    /// Returns true when this turned the cluster unavailable. <paramref name="slow"/>: the probes
    /// timed out rather than being refused, so calls in flight get their grace (<see cref="Slow"/>)
    /// instead of stopping at once (<see cref="Lost"/>).
    /// </summary>
    public bool MarkUnavailable(string reason, bool slow = false)
    {
        lock (_lock)
        {
            var wasAvailable = IsAvailable;
            if (wasAvailable)
            {
                _lostTimestamp = _time.GetTimestamp();
            }

            IsAvailable = false;
            Reason = reason;
            (slow ? _slow : _lost).TrySetResult();
            return wasAvailable;
        }
    }

    /// <summary>Returns true when this brought the cluster back (or reached it for the first time).</summary>
    public bool MarkAvailable()
    {
        bool recovered;
        lock (_lock)
        {
            if (IsAvailable)
            {
                return false;
            }

            IsAvailable = true;
            Reason = null;
            LastOutage = _lostTimestamp == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_lostTimestamp);
            _lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // The first verdict at start-up is no recovery: nothing was lost, nothing is registered yet.
            recovered = _reachedBefore;
            _reachedBefore = true;
        }

        if (recovered)
        {
            Recovered?.Invoke();
        }

        return true;
    }
}
