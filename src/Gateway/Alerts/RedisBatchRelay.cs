using System.Threading.Channels;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Grains.Dispatch;
using Orleans.Serialization;
using StackExchange.Redis;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Client mode's relay: the sink's gateway appends the whole batch once to a Redis stream
/// (<c>{backplane prefix}:alert-batches</c>, Orleans' binary format) and publishes a one-line
/// wake-up; every gateway, this one included, reads the stream from where it left off and sends
/// each batch to its own connections, in the order appended. One Redis entry per batch instead of
/// one message per recipient through the backplane, and each gateway can say which of its
/// connections an alert was written to. Control-room events still use the backplane.
/// </summary>
/// <remarks>
/// A stream, not a pub/sub message: a gateway whose subscription drops (Redis closes a subscriber
/// that falls behind its pub/sub output limit, 32 MB by default, or the connection breaks) missed
/// every batch published meanwhile for good. Reading from its last entry, it gets them late instead
/// of never; the wake-up only saves the wait for the next poll (<see cref="PollInterval"/>).
/// Entries older than <see cref="Retention"/> are trimmed as new ones are added.
/// </remarks>
public sealed class RedisBatchRelay(
    LocalAlertDelivery local,
    Serializer<AlertBatch> serializer,
    ILogger<RedisBatchRelay> logger,
    string redisConnectionString,
    string channelPrefix) : IBatchRelay, IHostedService, IAsyncDisposable
{
    /// <summary>How often the stream is read when no wake-up came (one was lost, or the subscription is down).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a batch stays in the stream: a gateway cut off for longer catches up only through its clients' reconnects.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    private const int EntriesPerRead = 16;
    private static readonly RedisValue BatchField = "batch";

    private readonly RedisKey _stream = $"{channelPrefix}:alert-batches";
    private readonly RedisChannel _added = RedisChannel.Literal($"{channelPrefix}:alert-batches:added");
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private ConnectionMultiplexer? _redis;
    private RedisValue _lastId;
    private Task _reading = Task.CompletedTask;
    private int _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Reading before the sink registers (started first): no batch for this gateway can come unread.
        var options = ConfigurationOptions.Parse(redisConnectionString);
        options.AbortOnConnectFail = false;
        // The process id tells two gateways on one machine apart in CLIENT LIST.
        options.ClientName = $"earlywarning-gateway-relay-{Environment.ProcessId}";
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        await _redis.GetSubscriber().SubscribeAsync(_added, (_, _) => _wake.Writer.TryWrite(true));
        // From the newest entry on: batches before this gateway started are for connections it never had.
        var newest = await _redis.GetDatabase().StreamRangeAsync(_stream, "-", "+", 1, Order.Descending);
        _lastId = newest.Length > 0 ? newest[0].Id : "0-0";
        _reading = Task.Run(() => ReadLoop(_stop.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async Task Relay(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var redis = _redis ?? throw new InvalidOperationException("The batch relay is not started.");
        var oldest = DateTimeOffset.UtcNow - Retention;
        // XADD trims by time (MINID, approximate: whole nodes at a time), not by count: batches vary from a few bytes to megabytes.
        var id = await redis.GetDatabase().ExecuteAsync(
            "XADD", _stream, "MINID", "~", $"{oldest.ToUnixTimeMilliseconds()}-0", "*", BatchField, serializer.SerializeToArray(batch));
        // Appended: every gateway reads it, woken now or at its next poll.
        await redis.GetSubscriber().PublishAsync(_added, (RedisValue)id, CommandFlags.FireAndForget);
    }

    private async Task ReadLoop(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ReadNew(stop);
                await WaitForWakeUp(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Redis away or slow: the entries stay in the stream; read them at the next poll.
                AlertLog.RelayReadFailed(logger, ex);
                await Task.Delay(PollInterval, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Delivers every entry after the last one read, in order.</summary>
    private async Task ReadNew(CancellationToken stop)
    {
        var db = _redis!.GetDatabase();
        while (!stop.IsCancellationRequested)
        {
            var entries = await db.StreamReadAsync(_stream, _lastId, EntriesPerRead);
            foreach (var entry in entries)
            {
                await Deliver(entry);
                _lastId = entry.Id;
            }

            if (entries.Length < EntriesPerRead)
            {
                return;
            }
        }
    }

    private async Task Deliver(StreamEntry entry)
    {
        try
        {
            var bytes = (byte[]?)entry[BatchField] ?? throw new InvalidOperationException("A relay entry without its batch.");
            var batch = serializer.Deserialize(bytes) ?? throw new InvalidOperationException("An empty batch on the relay.");
            await local.Deliver(batch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // This entry only: the ones after it are still delivered.
            AlertLog.RelayFailed(logger, ex);
        }
    }

    private async Task WaitForWakeUp(CancellationToken stop)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stop);
        poll.CancelAfter(PollInterval);
        try
        {
            await _wake.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // No wake-up within the poll interval: read anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per registration (itself, the relay, the hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        if (_redis is not null)
        {
            await RedisShutdown.CloseAsync(_redis);
        }
    }
}
