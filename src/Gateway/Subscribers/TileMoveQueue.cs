using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Gateway.Subscribers;

/// <summary>
/// The moves waiting for one tile. One call to the tile is in flight at a time; moves arriving
/// meanwhile go together in the next call, so a quiet tile answers at once and a busy one takes
/// its moves hundreds at a time, with no timer in between.
/// </summary>
internal sealed class TileMoveQueue(IRegionGrain tile, Action<TileMoveQueue> retired)
{
    /// <summary>More than this per call would hold the tile (and the callers) too long.</summary>
    private const int MaxBatch = 1024;

    private readonly Lock _gate = new();
    private List<(SubscriberMove Move, TaskCompletionSource<bool> Done)> _waiting = [];
    private bool _sending;

    // Set once the queue has emptied: it is then out of TileMoves, and a caller still holding it takes a fresh one.
    private bool _retired;

    /// <summary>
    /// Queues a move; the task says whether the tile moved the subscriber. Null when this queue
    /// has retired (take a new one).
    /// </summary>
    public Task<bool>? Enqueue(SubscriberMove move)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            if (_retired)
            {
                return null;
            }

            _waiting.Add((move, done));
            start = !_sending;
            _sending = true;
        }

        if (start)
        {
            _ = Task.Run(SendAll);
        }

        return done.Task;
    }

    /// <summary>Sends what waits, batch after batch, until nothing does; then retires.</summary>
    private async Task SendAll()
    {
        while (true)
        {
            List<(SubscriberMove Move, TaskCompletionSource<bool> Done)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    _retired = true;
                    break;
                }

                if (_waiting.Count <= MaxBatch)
                {
                    batch = _waiting;
                    _waiting = [];
                }
                else
                {
                    batch = _waiting.GetRange(0, MaxBatch);
                    _waiting.RemoveRange(0, MaxBatch);
                }
            }

            await Send(batch);
        }

        retired(this);
    }

    private async Task Send(List<(SubscriberMove Move, TaskCompletionSource<bool> Done)> batch)
    {
        try
        {
            var moves = new SubscriberMove[batch.Count];
            for (var i = 0; i < moves.Length; i++)
            {
                moves[i] = batch[i].Move;
            }

            var notMoved = await tile.MoveMany(moves);
            var refused = notMoved.Length == 0 ? null : notMoved.ToHashSet();
            foreach (var (move, done) in batch)
            {
                done.TrySetResult(refused?.Contains(move.SubscriberId) != true);
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, done) in batch)
            {
                done.TrySetException(ex);
            }
        }
    }
}
