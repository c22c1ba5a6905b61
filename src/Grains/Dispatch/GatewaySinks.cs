using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// Hands region batches (inside the calling grain's turn) and control-room events (from
/// <see cref="ControlRoomOutbox"/>) to one gateway sink. One per silo, shared by its grains. The sink list is cached for
/// <see cref="SinkRegistryOptions.SinkCacheTtl"/>, never fetched per batch; any one gateway reaches
/// every connection (it relays the batch to the others), so one sink per message suffices.
/// </summary>
/// <remarks>
/// A sink has <see cref="SinkRegistryOptions.DeliveryTimeout"/> to confirm, not Orleans' 30 s
/// response timeout: a crashed gateway's observer calls hang until then. A sink that fails or
/// stays silent is dropped from the cache and from the registry (a live gateway's heartbeat adds
/// it back) and the next one tried. A batch no sink took is kept and offered again every
/// <see cref="SinkRegistryOptions.RetryInterval"/> in the background, so the tile goes on. Retries
/// may deliver a batch twice (a sink that timed out may still have sent it): gateways and pages
/// keep each batch and each (case, version) once, and the counts are kept per subscriber. A later
/// version of a case takes its recipients out of the kept batches of earlier ones (see
/// <see cref="Supersede"/>); one already being retried may still arrive after it, and the gateways
/// then write nothing older than what a connection was written (<c>LocalConnections</c>).
/// </remarks>
public sealed class GatewaySinks(
    IGrainFactory grains,
    IOptions<SinkRegistryOptions> options,
    TimeProvider time,
    ILogger<GatewaySinks> logger)
{
    private readonly Lock _gate = new();
    private IAlertSink[] _sinks = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private int _next;

    // Batches no sink took yet, oldest first; _retrying runs while any are here.
    private readonly LinkedList<AlertBatch> _pending = new();
    private Task? _retrying;

    /// <summary>Batches kept for retry: no sink has taken them yet.</summary>
    public int PendingBatches
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Delivers the batch through one live gateway: true once a sink confirmed it. When none takes
    /// it, keeps it, retries in the background until one does (see remarks) and answers false.
    /// Never throws for a missing gateway.
    /// </summary>
    public async Task<bool> Dispatch(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Supersede(batch);
        if (await TryDeliver(batch))
        {
            return true;
        }

        Keep(batch);
        return false;
    }

    /// <summary>
    /// Sends control-room events, in order, through one live gateway (<see cref="ControlRoomOutbox"/>
    /// batches them): true once a sink took them. Never throws for a missing gateway.
    /// </summary>
    public async Task<bool> SendControlRoom(ControlRoomEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        try
        {
            return await ToOneSink(sink => sink.ControlRoom(events), "control-room");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DispatchLog.SinkFailed(logger, ex, "control-room");
            return false;
        }
    }

    private async Task<bool> TryDeliver(AlertBatch batch)
    {
        try
        {
            return await ToOneSink(sink => sink.Deliver(batch), batch.CaseId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The registry itself did not answer (its silo just died, say): kept like any other miss.
            DispatchLog.SinkFailed(logger, ex, batch.CaseId);
            return false;
        }
    }

    /// <summary>Tries the cached sinks in turn from the next in rotation, then once more after a refresh; false when none took it.</summary>
    private async Task<bool> ToOneSink(Func<IAlertSink, Task> send, string what)
    {
        var sinks = Cached() ?? await Refresh();
        var failed = new HashSet<IAlertSink>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var first = (uint)Interlocked.Increment(ref _next);
            for (var i = 0u; i < sinks.Length; i++)
            {
                var sink = sinks[(first + i) % sinks.Length];
                if (failed.Contains(sink))
                {
                    continue;
                }

                try
                {
                    await send(sink).WaitAsync(options.Value.DeliveryTimeout, time);
                    return true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DispatchLog.SinkFailed(logger, ex, what);
                    failed.Add(sink);
                    await Drop(sink);
                }
            }

            // Every sink failed: the registry may know newer ones (a gateway restarted).
            sinks = await Refresh();
        }

        return false;
    }

    private IAlertSink[]? Cached()
    {
        lock (_gate)
        {
            return _sinks.Length > 0 && time.GetUtcNow() - _fetchedAt <= options.Value.SinkCacheTtl ? _sinks : null;
        }
    }

    /// <summary>
    /// The registry's list, or, when it does not answer within <see cref="SinkRegistryOptions.RegistryTimeout"/>,
    /// the list this silo had (trusted for another <see cref="SinkRegistryOptions.SinkCacheTtl"/>, so
    /// only one batch per period waits for the registry): the gateways it names still take batches
    /// while the registry's silo is dying. Throws only when there is no list at all.
    /// </summary>
    private async Task<IAlertSink[]> Refresh()
    {
        IAlertSink[] sinks;
        try
        {
            sinks = await grains.GetGrain<ISinkRegistryGrain>(0).GetSinks().WaitAsync(options.Value.RegistryTimeout, time);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lock (_gate)
            {
                if (_sinks.Length == 0)
                {
                    throw;
                }

                DispatchLog.RegistryUnanswered(logger, ex, _sinks.Length);
                _fetchedAt = time.GetUtcNow();
                return _sinks;
            }
        }

        lock (_gate)
        {
            (_sinks, _fetchedAt) = (sinks, time.GetUtcNow());
        }

        return sinks;
    }

    /// <summary>
    /// Out of this silo's rotation, and out of the registry, so other silos stop trying it before
    /// its lease runs out; a gateway that is alive after all registers again with its next heartbeat.
    /// </summary>
    private async Task Drop(IAlertSink failed)
    {
        lock (_gate)
        {
            _sinks = [.. _sinks.Where(s => !s.Equals(failed))];
        }

        try
        {
            await grains.GetGrain<ISinkRegistryGrain>(0).Unregister(failed).WaitAsync(options.Value.RegistryTimeout, time);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease drops it anyway.
            DispatchLog.SinkFailed(logger, ex, "the sink registry");
        }
    }

    /// <summary>
    /// Takes the recipients of <paramref name="newer"/> out of the kept batches of an older version
    /// of its case: sent on retry after the newer one, a kept <c>new</c> would reach a hub client
    /// after its case's update or cancel (pages drop it by version; other clients need not). They
    /// lose nothing: a <c>new</c> never confirmed is sent as <c>new</c> again in the next version.
    /// </summary>
    private void Supersede(AlertBatch newer)
    {
        lock (_gate)
        {
            HashSet<string>? newerIds = null;
            for (var node = _pending.First; node is not null;)
            {
                var next = node.Next;
                var kept = node.Value;
                if (kept.CaseId == newer.CaseId && kept.Version < newer.Version)
                {
                    newerIds ??= [.. newer.Recipients.Select(r => r.SubscriberId)];
                    AlertRecipient[] left = [.. kept.Recipients.Where(r => !newerIds.Contains(r.SubscriberId))];
                    if (left.Length == 0)
                    {
                        _pending.Remove(node);
                    }
                    else if (left.Length < kept.Recipients.Length)
                    {
                        node.Value = kept with { Recipients = left };
                    }
                }

                node = next;
            }
        }
    }

    private void Keep(AlertBatch batch)
    {
        lock (_gate)
        {
            _pending.AddLast(batch);
            while (_pending.Count > options.Value.MaxPendingBatches)
            {
                var given = _pending.First!.Value;
                _pending.RemoveFirst();
                DispatchLog.GivenUp(logger, given.CaseId, given.Version, given.Recipients.Length);
            }

            // Off the grain's scheduler: the tile's next calls must not wait for a gateway to come back.
            _retrying ??= Task.Run(RetryPending);
        }

        DispatchLog.Kept(logger, batch.CaseId, batch.Version, batch.Recipients.Length);
    }

    /// <summary>
    /// Offers the kept batches again, oldest first, each left in the list until a sink took it (so
    /// <see cref="Supersede"/> still reaches it), until none is left.
    /// </summary>
    private async Task RetryPending()
    {
        while (true)
        {
            await Task.Delay(options.Value.RetryInterval, time);
            while (true)
            {
                LinkedListNode<AlertBatch>? node;
                AlertBatch batch;
                lock (_gate)
                {
                    node = _pending.First;
                    if (node is null)
                    {
                        _retrying = null;
                        return;
                    }

                    batch = node.Value;
                }

                bool taken;
                try
                {
                    taken = await TryDeliver(batch);
                }
                catch (Exception ex)
                {
                    // Nothing cancels this loop: whatever ended the attempt, the batch stays kept
                    // and the loop goes on (had it ended, nothing would retry again).
                    DispatchLog.SinkFailed(logger, ex, batch.CaseId);
                    taken = false;
                }

                if (!taken)
                {
                    break;
                }

                lock (_gate)
                {
                    // Gone already if the list overflowed meanwhile.
                    if (node.List is not null)
                    {
                        _pending.Remove(node);
                    }
                }

                DispatchLog.Retried(logger, batch.CaseId, batch.Version, batch.Recipients.Length);
            }
        }
    }
}
