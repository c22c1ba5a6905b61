using EarlyWarning.Grains.Dispatch;
using Orleans.Serialization;
using StackExchange.Redis;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Client mode's relay: the sink's gateway publishes the whole batch once on the cluster's Redis
/// (<c>{backplane prefix}:alert-batches</c>, Orleans' binary format); every gateway, this one
/// included, is subscribed and sends it to its own connections, in the order published. One Redis
/// message per batch instead of one per recipient through the backplane, and each gateway can say
/// which of its connections an alert was written to. Control-room events still use the backplane.
/// </summary>
public sealed class RedisBatchRelay(
    LocalAlertDelivery local,
    Serializer<AlertBatch> serializer,
    ILogger<RedisBatchRelay> logger,
    string redisConnectionString,
    string channelPrefix) : IBatchRelay, IHostedService, IAsyncDisposable
{
    private readonly RedisChannel _channel = RedisChannel.Literal($"{channelPrefix}:alert-batches");
    private ConnectionMultiplexer? _redis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed before the sink registers (started first): no batch can come in unheard.
        var options = ConfigurationOptions.Parse(redisConnectionString);
        options.AbortOnConnectFail = false;
        options.ClientName = "earlywarning-gateway-relay";
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        var queue = await _redis.GetSubscriber().SubscribeAsync(_channel);
        queue.OnMessage(Received);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task Relay(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var redis = _redis ?? throw new InvalidOperationException("The batch relay is not started.");
        var gateways = await redis.GetSubscriber().PublishAsync(_channel, serializer.SerializeToArray(batch));
        if (gateways == 0)
        {
            // Not even this gateway's own subscription heard it (Redis lost it meanwhile): not delivered.
            throw new InvalidOperationException("No gateway is subscribed to the batch relay.");
        }
    }

    private async Task Received(ChannelMessage message)
    {
        try
        {
            var batch = serializer.Deserialize((byte[])message.Message!) ?? throw new InvalidOperationException("An empty message on the batch relay.");
            await local.Deliver(batch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AlertLog.RelayFailed(logger, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
