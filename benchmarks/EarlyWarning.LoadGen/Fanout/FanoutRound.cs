using EarlyWarning.LoadGen.Hub;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// One fan-out round in one process: which alert counts (<see cref="FanoutRoundSpec"/>), and
/// when each socket first got it. Written by every receive loop at once, lock-free: one slot per socket.
/// </summary>
internal sealed class FanoutRound
{
    private readonly long[] _arrivals;
    private readonly long[] _versions;
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FanoutRoundSpec _spec;
    private readonly int _expected;
    private int _arrived;

    /// <param name="slots">One per subscriber (socket <see cref="HubSocket.Index"/>).</param>
    /// <param name="expected">Arrivals that complete the round: the sockets connected.</param>
    /// <param name="spec">The alert that counts.</param>
    public FanoutRound(int slots, int expected, FanoutRoundSpec spec)
    {
        _arrivals = new long[slots];
        _versions = new long[slots];
        _expected = expected;
        _spec = spec;
        if (expected == 0)
        {
            _complete.TrySetResult();
        }
    }

    public FanoutRoundSpec Spec => _spec;

    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>True once socket <paramref name="slot"/> has the round's alert.</summary>
    public bool HasArrived(int slot) => Volatile.Read(ref _arrivals[slot]) != 0;

    /// <summary>Completes when every expected socket has its alert.</summary>
    public Task Complete => _complete.Task;

    public void Observe(HubSocket socket, AlertSeen alert)
    {
        if (alert.Kind != _spec.Kind || alert.Version <= _spec.AfterVersion || (_spec.CaseId is not null && _spec.CaseId != alert.CaseId))
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

    /// <summary>The arrivals so far, sorted, the distinct versions seen, and the arrivals of each of <paramref name="gateways"/> (socket slot → gateway: <paramref name="gatewayOf"/>).</summary>
    public RoundArrivals Arrivals(int openSockets, int gateways, Func<int, int> gatewayOf)
    {
        ArgumentNullException.ThrowIfNull(gatewayOf);
        var perGateway = new int[gateways];
        for (var slot = 0; slot < _arrivals.Length; slot++)
        {
            if (_arrivals[slot] != 0)
            {
                perGateway[gatewayOf(slot)]++;
            }
        }

        return new([.. _arrivals.Where(a => a != 0).Order()], [.. _versions.Where(v => v != 0).Distinct().Order()], openSockets, perGateway);
    }
}
