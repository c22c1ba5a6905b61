using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// Picks a gateway sink for each batch or event. The sink list is cached for a few seconds, never
/// fetched per batch; with the SignalR Redis backplane any one gateway reaches every connection,
/// so one sink per message suffices. A sink that fails is dropped from the cache and the next tried.
/// </summary>
[StatelessWorker]
public sealed class DispatchGrain(
    IOptions<SinkRegistryOptions> options,
    TimeProvider time,
    ILogger<DispatchGrain> logger) : Grain, IDispatchGrain
{
    private List<IAlertSink> _sinks = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private int _next;

    /// <inheritdoc />
    public async Task Dispatch(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!await ToOneSink(sink => sink.Deliver(batch), batch.CaseId))
        {
            DispatchLog.NoSink(logger, batch.CaseId, batch.Recipients.Length);
            throw new InvalidOperationException($"No gateway is registered to deliver alerts for case {batch.CaseId}.");
        }
    }

    /// <inheritdoc />
    public async Task Publish(ControlRoomEvent controlRoomEvent)
    {
        ArgumentNullException.ThrowIfNull(controlRoomEvent);
        if (!await ToOneSink(controlRoomEvent.SendTo, "control-room"))
        {
            DispatchLog.EventDropped(logger);
        }
    }

    /// <summary>Tries the cached sinks in turn, then once more after a refresh; false when none took it.</summary>
    private async Task<bool> ToOneSink(Func<IAlertSink, Task> send, string what)
    {
        if (_sinks.Count == 0 || time.GetUtcNow() - _fetchedAt > options.Value.SinkCacheTtl)
        {
            await RefreshSinks();
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            while (_sinks.Count > 0)
            {
                var sink = _sinks[_next++ % _sinks.Count];
                try
                {
                    await send(sink);
                    return true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DispatchLog.SinkFailed(logger, ex, what);
                    _sinks.Remove(sink);
                }
            }

            // Every cached sink failed: the registry may know newer ones (a gateway restarted).
            await RefreshSinks();
        }

        return false;
    }

    private async Task RefreshSinks()
    {
        _sinks = [.. await GrainFactory.GetGrain<ISinkRegistryGrain>(0).GetSinks()];
        _fetchedAt = time.GetUtcNow();
    }
}
