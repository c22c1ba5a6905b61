using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// Client mode: every <see cref="OutageOptions.ProbeInterval"/>, a PING to the cluster's Redis on a
/// connection of its own that fails fast instead of queueing, then a storage read through a silo
/// (<see cref="IStorageProbeGrain"/>), each within <see cref="OutageOptions.ProbeTimeout"/>. A
/// refused connection turns the cluster unavailable at once, a slow answer the second time in a
/// row; the first probe that passes brings it back. A slow answer while this gateway's own thread
/// pool was half the timeout behind (<see cref="ThreadPoolDelay"/>) counts neither way: in the
/// 100 000-socket run a gateway busy with its phones' connections found the cluster "slow",
/// refused 5 716 hub connections as an outage, and the cluster was fine. Requests read the
/// verdict, never wait for it.
/// </summary>
public sealed class ClusterMonitor(
    ClusterAvailability availability,
    IGrainFactory grains,
    IOptions<OutageOptions> options,
    TimeProvider time,
    ILogger<ClusterMonitor> logger,
    string redisConnectionString,
    ThreadPoolDelay poolDelay) : BackgroundService
{
    private static readonly TimeSpan FirstProbeTimeout = TimeSpan.FromSeconds(30);

    private ConnectionMultiplexer? _redis;
    private int _slowInARow;
    private DateTimeOffset _lostAt;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(redisConnectionString))
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(RedisOptions(redisConnectionString, options.Value));
        }

        // A verdict before the first request: until then the cluster counts as unreachable. The
        // first probes may wait as long as Orleans would (a silo that has just started activates
        // the probe cold; this connection to Redis may still be opening).
        var deadline = time.GetUtcNow() + FirstProbeTimeout;
        do
        {
            await ProbeOnce(FirstProbeTimeout, cancellationToken);
        }
        while (!availability.IsAvailable && time.GetUtcNow() < deadline && await Pause(cancellationToken));
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_redis is not null)
        {
            await RedisShutdown.CloseAsync(_redis);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ProbeOnce(options.Value.ProbeTimeout, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<bool> Pause(CancellationToken cancellationToken)
    {
        await Task.Delay(options.Value.ProbeInterval, time, cancellationToken);
        return true;
    }

    private async Task ProbeOnce(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var behind = poolDelay.Measure();
        var failure = await Probe(timeout, cancellationToken);
        if (failure is { Slow: true } && await LocalDelay(behind, timeout) is { } delay)
        {
            // The answer may have waited for this gateway's threads, not the cluster: no verdict.
            OutageLog.ProbeInconclusive(logger, failure.Value.What, timeout.TotalMilliseconds, delay.TotalMilliseconds);
            return;
        }

        if (failure is null)
        {
            _slowInARow = 0;
            if (availability.MarkAvailable() && _lostAt != default)
            {
                OutageLog.Recovered(logger, (time.GetUtcNow() - _lostAt).TotalSeconds);
            }

            return;
        }

        if (failure.Value.Slow && ++_slowInARow < 2 && availability.IsAvailable)
        {
            return;
        }

        if (availability.MarkUnavailable(failure.Value.Reason, failure.Value.Slow))
        {
            _lostAt = time.GetUtcNow();
            OutageLog.Lost(logger, failure.Value.Reason);
        }
    }

    /// <summary>
    /// How long the no-op queued as the probe began waited to start, when that is at least half the
    /// probe's timeout; one still waiting a whole timeout later counts as that.
    /// </summary>
    private async Task<TimeSpan?> LocalDelay(Task<TimeSpan> behind, TimeSpan timeout)
    {
        TimeSpan delay;
        try
        {
            delay = await behind.WaitAsync(timeout, time);
        }
        catch (TimeoutException)
        {
            delay = timeout;
        }

        return delay >= timeout / 2 ? delay : null;
    }

    private async Task<(string Reason, bool Slow, string What)?> Probe(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_redis is not null)
        {
            var ping = _redis.GetDatabase().PingAsync();
            if (await Failure(ping, timeout, "Redis", cancellationToken) is { } redisFailure)
            {
                return redisFailure;
            }
        }

        var read = grains.GetGrain<IStorageProbeGrain>(0).Probe();
        return await Failure(read, timeout, "A storage read through a silo", cancellationToken);
    }

    private async Task<(string Reason, bool Slow, string What)?> Failure(Task probe, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        try
        {
            await probe.WaitAsync(timeout, time, cancellationToken);
            return null;
        }
        catch (TimeoutException)
        {
            // Ours (WaitAsync) or the client's own (RedisTimeoutException, an Orleans response
            // timeout): slow, not refused. Under CPU load a probe is late now and then; counted as
            // refused it turned the cluster unavailable at once and, on recovery, closed every
            // hub connection of the gateway (OutageSetup) with nothing lost.
            _ = probe.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return ($"{what} did not answer within {timeout.TotalMilliseconds:0} ms.", true, what);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ($"{what} failed ({ex.GetType().Name}).", false, what);
        }
    }

    // Its own connection: a PING must fail the moment Redis is gone, not wait in a backlog.
    private static ConfigurationOptions RedisOptions(string connectionString, OutageOptions outage)
    {
        var redis = ConfigurationOptions.Parse(connectionString);
        var milliseconds = (int)outage.ProbeTimeout.TotalMilliseconds;
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ConnectTimeout = milliseconds;
        redis.AsyncTimeout = milliseconds;
        redis.SyncTimeout = milliseconds;
        redis.ReconnectRetryPolicy = new LinearRetry((int)outage.ProbeInterval.TotalMilliseconds);
        redis.ClientName = "earlywarning-gateway-monitor";
        return redis;
    }
}
