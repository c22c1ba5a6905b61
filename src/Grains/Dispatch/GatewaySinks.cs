using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// Hands region batches and control-room events to one gateway sink, inside the calling grain's
/// turn. One per silo, shared by its grains. The sink list is cached for
/// <see cref="SinkRegistryOptions.SinkCacheTtl"/>, never fetched per batch; with the SignalR Redis
/// backplane any one gateway reaches every connection, so one sink per message suffices. A sink
/// that fails is dropped from the cache and the next one tried.
/// </summary>
/// <remarks>
/// This was a stateless-worker grain between the regions and the gateways: a message hop (and on
/// an idle machine a thread wake-up) on every batch and event, for nothing but this cache.
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

    /// <summary>Delivers the batch through one live gateway; throws when none is reachable.</summary>
    public async Task Dispatch(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!await ToOneSink(sink => sink.Deliver(batch), batch.CaseId))
        {
            DispatchLog.NoSink(logger, batch.CaseId, batch.Recipients.Length);
            throw new InvalidOperationException($"No gateway is registered to deliver alerts for case {batch.CaseId}.");
        }
    }

    /// <summary>Publishes a control-room event through one live gateway. Best effort: a failure is logged, never thrown.</summary>
    public async Task Publish(ControlRoomEvent controlRoomEvent)
    {
        ArgumentNullException.ThrowIfNull(controlRoomEvent);
        if (!await ToOneSink(controlRoomEvent.SendTo, "control-room"))
        {
            DispatchLog.EventDropped(logger);
        }
    }

    /// <summary>Tries the cached sinks in turn from the next in rotation, then once more after a refresh; false when none took it.</summary>
    private async Task<bool> ToOneSink(Func<IAlertSink, Task> send, string what)
    {
        var sinks = Cached() ?? await Refresh();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var first = (uint)Interlocked.Increment(ref _next);
            for (var i = 0u; i < sinks.Length; i++)
            {
                var sink = sinks[(first + i) % sinks.Length];
                try
                {
                    await send(sink);
                    return true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DispatchLog.SinkFailed(logger, ex, what);
                    Drop(sink);
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

    private async Task<IAlertSink[]> Refresh()
    {
        var sinks = await grains.GetGrain<ISinkRegistryGrain>(0).GetSinks();
        lock (_gate)
        {
            (_sinks, _fetchedAt) = (sinks, time.GetUtcNow());
        }

        return sinks;
    }

    private void Drop(IAlertSink failed)
    {
        lock (_gate)
        {
            _sinks = [.. _sinks.Where(s => !s.Equals(failed))];
        }
    }
}
