using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Registers this gateway's sink before the app takes requests, then refreshes it on a timer:
/// the registry is not persistent and drops sinks that stop refreshing. As the host begins to stop,
/// before any service stops, the sink refuses batches (the silo gives each to another gateway) and
/// leaves the registry: the push worker then drains what it had taken, and nothing more arrives.
/// </summary>
public sealed class SinkRegistration(
    IGrainFactory grains,
    HubAlertSink sink,
    IOptions<SinkRegistryOptions> options,
    TimeProvider time,
    ILogger<SinkRegistration> logger) : BackgroundService, IHostedLifecycleService
{
    // Outlasts the registry's failover (its silo voted out: ~15–20 s with Orleans' default probes),
    // during which silos go on delivering to the sinks they knew (GatewaySinks): a failed heartbeat
    // alone made every gateway unready at once, and a load balancer drained them all.
    private static readonly TimeSpan RegistrationGrace = TimeSpan.FromSeconds(30);

    private IAlertSink? _reference;
    private volatile bool _stopping;
    private long _registeredAtTicks = long.MinValue;

    /// <summary>Whether the registry took this gateway's sink within the last <see cref="RegistrationGrace"/>.</summary>
    public bool IsRegistered
    {
        get
        {
            var at = Interlocked.Read(ref _registeredAtTicks);
            return at != long.MinValue && time.GetUtcNow().UtcTicks - at <= RegistrationGrace.Ticks;
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The object reference holds the sink weakly; this service keeps the strong reference.
        _reference = grains.CreateObjectReference<IAlertSink>(sink);
        await Register();
        await base.StartAsync(cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Before any hosted service stops (the push worker among them): see the class remarks.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        sink.StopTaking();
        if (_reference is not null && IsRegistered)
        {
            await Unregister(cancellationToken);
        }
    }

    private async Task Unregister(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<ISinkRegistryGrain>(0).Unregister(_reference!).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AlertLog.RegistrationFailed(logger, ex);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers again now, e.g. when the cluster comes back (silos started again know no sink); failures are logged.</summary>
    public async Task RefreshAsync()
    {
        if (_reference is null)
        {
            // Not started yet: StartAsync registers.
            return;
        }

        try
        {
            await Register();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AlertLog.RegistrationFailed(logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SinkRefreshInterval, time);
        while (await NextTick(timer, stoppingToken))
        {
            try
            {
                await Register();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AlertLog.RegistrationFailed(logger, ex);
            }
        }
    }

    // Stopped on its own (the host still running), the loop ends quietly rather than failing the host.
    private static async Task<bool> NextTick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task Register()
    {
        if (_stopping)
        {
            // A heartbeat after StoppingAsync would put the refusing sink back in the registry.
            return;
        }

        await grains.GetGrain<ISinkRegistryGrain>(0).Register(_reference!);
        if (_stopping)
        {
            // A heartbeat that was on its way as the gateway began to stop: out again.
            await Unregister(CancellationToken.None);
            return;
        }

        if (!IsRegistered)
        {
            AlertLog.Registered(logger);
        }

        Interlocked.Exchange(ref _registeredAtTicks, time.GetUtcNow().UtcTicks);
    }
}
