using EarlyWarning.LoadGen.Hub;

namespace EarlyWarning.LoadGen.Latency;

/// <summary>
/// The one subscriber's ear: <see cref="Arm"/> says which alert comes next (case, kind, a version
/// above the last), <see cref="Observe"/> is the socket's alert callback and completes it.
/// </summary>
internal sealed class AlertWaiter
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<AlertSeen>? _next;
    private string? _caseId;
    private AlertKind _kind;
    private long _afterVersion;

    /// <summary>The highest version seen for any case, to resynchronise after a lost alert.</summary>
    public long MaxVersion { get; private set; }

    /// <param name="caseId">The case, or null for any (its id is not known before the case opens).</param>
    /// <param name="kind">The alert kind awaited.</param>
    /// <param name="afterVersion">Only a version above this completes the wait.</param>
    public Task<AlertSeen> Arm(string? caseId, AlertKind kind, long afterVersion)
    {
        lock (_gate)
        {
            _next = new TaskCompletionSource<AlertSeen>(TaskCreationOptions.RunContinuationsAsynchronously);
            (_caseId, _kind, _afterVersion) = (caseId, kind, afterVersion);
            return _next.Task;
        }
    }

    public void Observe(HubSocket socket, AlertSeen alert)
    {
        lock (_gate)
        {
            MaxVersion = Math.Max(MaxVersion, alert.Version);
            if (_next is not null && alert.Kind == _kind && alert.Version > _afterVersion && (_caseId is null || _caseId == alert.CaseId))
            {
                _next.TrySetResult(alert);
                _next = null;
            }
        }
    }
}
