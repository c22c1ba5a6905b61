using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// Picks a gateway sink for each batch. The sink list is cached for a few seconds, never fetched
/// per batch; with the SignalR Redis backplane any one gateway reaches every connection, so one
/// sink per batch suffices. A sink that fails is dropped from the cache and the next one tried.
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
                    await sink.Deliver(batch);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DispatchLog.SinkFailed(logger, ex, batch.CaseId);
                    _sinks.Remove(sink);
                }
            }

            // Every cached sink failed: the registry may know newer ones (a gateway restarted).
            await RefreshSinks();
        }

        DispatchLog.NoSink(logger, batch.CaseId, batch.Recipients.Length);
        throw new InvalidOperationException($"No gateway is registered to deliver alerts for case {batch.CaseId}.");
    }

    private async Task RefreshSinks()
    {
        _sinks = [.. await GrainFactory.GetGrain<ISinkRegistryGrain>(0).GetSinks()];
        _fetchedAt = time.GetUtcNow();
    }
}
