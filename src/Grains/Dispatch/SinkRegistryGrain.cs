using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace EarlyWarning.Grains.Dispatch;

/// <inheritdoc cref="ISinkRegistryGrain" />
public sealed class SinkRegistryGrain(IOptions<SinkRegistryOptions> options, ILogger<SinkRegistryGrain> logger)
    : Grain, ISinkRegistryGrain
{
    private readonly ObserverManager<IAlertSink> _sinks = new(options.Value.SinkExpiry, logger);

    /// <inheritdoc />
    public Task Register(IAlertSink sink)
    {
        _sinks.Subscribe(sink, sink);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Unregister(IAlertSink sink)
    {
        _sinks.Unsubscribe(sink);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IAlertSink[]> GetSinks()
    {
        _sinks.ClearExpired();
        return Task.FromResult(_sinks.Select(s => s).ToArray());
    }
}
