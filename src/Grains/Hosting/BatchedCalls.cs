namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// Calls to one grain from anywhere in the silo, batched: one call in flight, the next taking every
/// item queued meanwhile (an idle silo sends at once). A zone tick of a thousand cases is then a
/// handful of calls, not a call per case. Each item's caller gets its own answer, or the batch's failure.
/// </summary>
/// <typeparam name="TItem">What a caller sends.</typeparam>
/// <typeparam name="TAnswer">What it gets back.</typeparam>
public sealed class BatchedCalls<TItem, TAnswer>(Func<TItem[], Task<TAnswer[]>> send)
{
    private readonly Lock _gate = new();
    private List<(TItem Item, TaskCompletionSource<TAnswer> Done)> _waiting = [];
    private bool _sending;

    /// <summary>Queues <paramref name="item"/> for the next call; answers with its part of that call's answer.</summary>
    public Task<TAnswer> Send(TItem item)
    {
        var done = new TaskCompletionSource<TAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _waiting.Add((item, done));
            start = !_sending;
            _sending = true;
        }

        if (start)
        {
            // Off the calling grain's scheduler: the loop serves every grain of the silo.
            _ = Task.Run(Drain);
        }

        return done.Task;
    }

    private async Task Drain()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource<TAnswer> Done)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }

                batch = _waiting;
                _waiting = [];
            }

            try
            {
                var answers = await send([.. batch.Select(b => b.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(answers[i]);
                }
            }
            catch (Exception ex)
            {
                // Each caller fails as its own call would have, and retries as it did before.
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }
}
