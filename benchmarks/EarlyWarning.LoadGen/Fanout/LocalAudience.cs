using EarlyWarning.LoadGen.Hub;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>Every socket in this process: one <see cref="HubFleet"/>.</summary>
internal sealed class LocalAudience : IFanoutAudience
{
    // Socket indexes are token indexes: a failed connection leaves a gap, so a round has a slot per token.
    private readonly int _slots;
    private readonly Hosting.LoadTargets _targets;
    private readonly int _firstIndex;
    private HubFleet? _fleet;
    private FanoutRound? _round;

    private LocalAudience(int slots, Hosting.LoadTargets targets, int firstIndex) => (_slots, _targets, _firstIndex) = (slots, targets, firstIndex);

    public int Count => _fleet?.Count ?? 0;

    public int Arrived => Volatile.Read(ref _round)?.Arrived ?? 0;

    /// <summary>
    /// Sockets done with the round: those with its alert, and those closed without it (they can
    /// never get it). A holder reports this, so a round ends when nothing more can come instead of
    /// at its timeout; the arrivals and the closed sockets are still reported as they are.
    /// </summary>
    public int Settled => Volatile.Read(ref _round) is { } round && _fleet is { } fleet
        ? round.Arrived + fleet.Sockets.Count(s => !s.IsOpen && !round.HasArrived(s.Index))
        : 0;

    public Task Complete => Volatile.Read(ref _round)?.Complete ?? Task.CompletedTask;

    /// <summary>Connects one socket per token (<paramref name="firstIndex"/>: the first token's place among all subscribers).</summary>
    public static async Task<LocalAudience> ConnectAsync(
        Hosting.LoadTargets targets, IReadOnlyList<string> tokens, string label, int firstIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var audience = new LocalAudience(tokens.Count, targets, firstIndex);
        audience._fleet = await HubFleet.ConnectAsync(targets, tokens, label,
            (s, a) => Volatile.Read(ref audience._round)?.Observe(s, a), firstIndex, HubFleet.AlertsHubPath, cancellationToken);
        return audience;
    }

    public Task ArmAsync(FanoutRoundSpec spec, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _round, new FanoutRound(_slots, Count, spec));
        return Task.CompletedTask;
    }

    public Task<RoundArrivals> CollectAsync(CancellationToken cancellationToken)
    {
        var round = Volatile.Read(ref _round) ?? throw new InvalidOperationException("No round is armed.");
        Volatile.Write(ref _round, null);
        // Who closed a socket and why (the server's close record names its client timeout): printed, as evidence.
        if (_fleet?.ClosedBy() is { Count: > 0 } closed)
        {
            Console.Error.WriteLine($"round {round.Spec.Round}: {closed.Sum(c => c.Count):N0} sockets closed: {string.Join("; ", closed.Select(c => $"{c.Count:N0} × {c.Reason}"))}");
        }

        return Task.FromResult(round.Arrivals(_fleet?.Open ?? 0, _targets.GatewayCount, slot => _targets.GatewayOf(_firstIndex + slot)));
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _round, null);
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }
    }
}
