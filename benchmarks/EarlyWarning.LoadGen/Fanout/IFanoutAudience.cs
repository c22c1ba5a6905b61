namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// The sockets a fan-out is timed on: held in this process (<see cref="LocalAudience"/>) or by
/// holder processes, each with its share (<see cref="HolderAudience"/>): one process may hold
/// only about 20 000 open files here.
/// </summary>
internal interface IFanoutAudience : IAsyncDisposable
{
    /// <summary>Sockets connected when the audience was formed: every round expects this many arrivals.</summary>
    int Count { get; }

    /// <summary>Arrivals of the current round so far.</summary>
    int Arrived { get; }

    /// <summary>Starts watching for <paramref name="spec"/>'s alert; returns once every socket watches, before the request that causes it is sent.</summary>
    Task ArmAsync(FanoutRoundSpec spec, CancellationToken cancellationToken);

    /// <summary>Completes when every socket has the current round's alert.</summary>
    Task Complete { get; }

    /// <summary>Ends the current round: every arrival, merged and sorted, the versions seen and the sockets still open.</summary>
    Task<RoundArrivals> CollectAsync(CancellationToken cancellationToken);
}
