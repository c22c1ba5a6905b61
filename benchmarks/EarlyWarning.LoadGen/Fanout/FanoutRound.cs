using EarlyWarning.LoadGen.Hub;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// One fan-out round: which alert counts (case, kind, a version above the last), and when each
/// socket first got it. Written by every receive loop at once, lock-free: one slot per socket.
/// </summary>
internal sealed class FanoutRound
{
    private readonly long[] _arrivals;
    private readonly long[] _versions;
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _caseId;
    private readonly AlertKind _kind;
    private readonly long _afterVersion;
    private readonly int _expected;
    private int _arrived;

    /// <param name="slots">One per subscriber (socket <see cref="HubSocket.Index"/>).</param>
    /// <param name="expected">Arrivals that complete the round: the sockets connected.</param>
    /// <param name="caseId">The case, or null for any (its id is not known before it opens).</param>
    /// <param name="kind">The alert kind that counts.</param>
    /// <param name="afterVersion">Only versions above this count.</param>
    /// <param name="startTimestamp">What arrivals are timed from (<see cref="System.Diagnostics.Stopwatch"/>).</param>
    public FanoutRound(int slots, int expected, string? caseId, AlertKind kind, long afterVersion, long startTimestamp)
    {
        _arrivals = new long[slots];
        _versions = new long[slots];
        _expected = expected;
        (_caseId, _kind, _afterVersion) = (caseId, kind, afterVersion);
        StartTimestamp = startTimestamp;
    }

    public long StartTimestamp { get; }

    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Completes when every expected socket has its alert.</summary>
    public Task Complete => _complete.Task;

    public void Observe(HubSocket socket, AlertSeen alert)
    {
        if (alert.Kind != _kind || alert.Version <= _afterVersion || (_caseId is not null && _caseId != alert.CaseId))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _arrivals[socket.Index], alert.ArrivedTimestamp, 0) == 0)
        {
            _versions[socket.Index] = alert.Version;
            if (Interlocked.Increment(ref _arrived) == _expected)
            {
                _complete.TrySetResult();
            }
        }
    }

    /// <summary>Each arrival in ms after <see cref="StartTimestamp"/>, sorted; and the versions seen.</summary>
    public (double[] ArrivalsMs, long[] Versions) Results()
    {
        var ms = _arrivals.Where(a => a != 0).Select(a => (a - StartTimestamp) / Reporting.LatencyRecorder.TicksPerMs).Order().ToArray();
        return (ms, [.. _versions.Where(v => v != 0).Distinct().Order()]);
    }
}
