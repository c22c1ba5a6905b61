using System.Reflection;
using EarlyWarning.Gateway.Outages;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Outages;

/// <summary>
/// The client-mode monitor's verdicts on its storage probe (no Redis here): a probe that times out
/// is slow, whichever side timed it out, and only two slow ones in a row turn the cluster unavailable;
/// a slow one while the gateway's own thread pool is half a timeout behind counts neither way.
/// </summary>
public sealed class ClusterMonitorTests
{
    [Fact]
    public async Task A_probe_the_client_itself_times_out_is_slow_so_one_does_not_turn_the_cluster_unavailable_and_two_in_a_row_do()
    {
        var availability = new ClusterAvailability(monitored: true);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new OutageOptions());
        // Each probe notes the verdict of the one before it, then answers as scripted: first
        // well, then twice with the exception Orleans throws when a call's response times out.
        var probes = new ScriptedProbe(availability, [Task.CompletedTask, Task.FromException(new TimeoutException()), Task.FromException(new TimeoutException()), Task.CompletedTask]);
        using var monitor = new ClusterMonitor(availability, ProbeFactory.For(probes), options, time, NullLogger<ClusterMonitor>.Instance, "", new FixedDelay(TimeSpan.Zero));

        await RunProbes(monitor, availability, probes, time, options.Value, count: 4);

        // Seen by probes 3 and 4: after one client-side timeout still available, after two not —
        // and slow, not lost: calls on their way then get their grace rather than a 504 at once.
        Assert.Equal([false, true, true, false], probes.AvailableWhenCalled[..4]);
        Assert.Equal([false, false, false, true], probes.SlowWhenCalled[..4]);
        Assert.Equal([false, false, false, false], probes.LostWhenCalled[..4]);
    }

    [Fact]
    public async Task Probes_that_time_out_while_the_gateways_own_thread_pool_is_far_behind_leave_the_cluster_available()
    {
        var availability = new ClusterAvailability(monitored: true);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new OutageOptions());
        var timeout = new TimeoutException();
        var probes = new ScriptedProbe(availability, [Task.CompletedTask, Task.FromException(timeout), Task.FromException(timeout), Task.FromException(timeout), Task.CompletedTask]);
        var behind = new FixedDelay(options.Value.ProbeTimeout * 0.6);
        using var monitor = new ClusterMonitor(availability, ProbeFactory.For(probes), options, time, NullLogger<ClusterMonitor>.Instance, "", behind);

        await RunProbes(monitor, availability, probes, time, options.Value, count: 5);

        Assert.Equal([false, true, true, true, true], probes.AvailableWhenCalled[..5]);
        Assert.Equal([false, false, false, false, false], probes.SlowWhenCalled[..5]);
    }

    [Fact]
    public async Task A_refused_probe_turns_the_cluster_unavailable_at_once_however_far_behind_the_gateway_is()
    {
        var availability = new ClusterAvailability(monitored: true);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new OutageOptions());
        var probes = new ScriptedProbe(availability, [Task.CompletedTask, Task.FromException(new InvalidOperationException("No silo")), Task.CompletedTask]);
        var behind = new FixedDelay(options.Value.ProbeTimeout * 5);
        using var monitor = new ClusterMonitor(availability, ProbeFactory.For(probes), options, time, NullLogger<ClusterMonitor>.Instance, "", behind);

        await RunProbes(monitor, availability, probes, time, options.Value, count: 3);

        Assert.Equal([false, true, false], probes.AvailableWhenCalled[..3]);
        Assert.Equal([false, false, true], probes.LostWhenCalled[..3]);
    }

    /// <summary>Starts the monitor (its first probe passes), lets probes 2 … <paramref name="count"/> run, and stops it.</summary>
    private static async Task RunProbes(ClusterMonitor monitor, ClusterAvailability availability, ScriptedProbe probes, FakeTimeProvider time, OutageOptions options, int count)
    {
        await monitor.StartAsync(CancellationToken.None);
        Assert.True(availability.IsAvailable);
        for (var probe = 2; probe <= count; probe++)
        {
            // The monitor's loop starts on the thread pool: its timer may not exist at the first advance.
            var called = probes.Called(probe);
            for (var waited = 0; !called.IsCompleted && waited < 600; waited++)
            {
                time.Advance(options.ProbeInterval);
                await Task.WhenAny(called, Task.Delay(50));
            }

            Assert.True(called.IsCompleted, $"probe {probe} never ran");
        }

        await monitor.StopAsync(CancellationToken.None);
    }

    /// <summary>A thread pool always this far behind.</summary>
    private sealed class FixedDelay(TimeSpan delay) : ThreadPoolDelay
    {
        public override Task<TimeSpan> Measure() => Task.FromResult(delay);
    }

    /// <summary>The storage probe grain, answering from a script and noting the availability at each call.</summary>
    private sealed class ScriptedProbe(ClusterAvailability availability, Task[] answers)
    {
        private readonly List<bool> _seen = [];
        private readonly List<bool> _slow = [];
        private readonly List<bool> _lost = [];
        private readonly TaskCompletionSource[] _called = [.. answers.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

        public bool[] AvailableWhenCalled
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public bool[] SlowWhenCalled
        {
            get
            {
                lock (_seen)
                {
                    return [.. _slow];
                }
            }
        }

        public bool[] LostWhenCalled
        {
            get
            {
                lock (_seen)
                {
                    return [.. _lost];
                }
            }
        }

        public Task Called(int count) => _called[count - 1].Task;

        public Task Probe()
        {
            int call;
            lock (_seen)
            {
                _seen.Add(availability.IsAvailable);
                _slow.Add(availability.Slow.IsCompleted);
                _lost.Add(availability.Lost.IsCompleted);
                call = _seen.Count;
            }

            _called[Math.Min(call, _called.Length) - 1].TrySetResult();
            return answers[Math.Min(call, answers.Length) - 1];
        }
    }

    /// <summary>An <see cref="IGrainFactory"/> that knows one grain: the storage probe.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852", Justification = "DispatchProxy derives from it at run time.")]
    private class ProbeFactory : DispatchProxy
    {
        private ScriptedProbe? _probe;

        public static IGrainFactory For(ScriptedProbe probe)
        {
            var factory = Create<IGrainFactory, ProbeFactory>();
            ((ProbeFactory)(object)factory)._probe = probe;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && targetMethod.GetGenericArguments()[0] == typeof(IStorageProbeGrain))
            {
                return ProbeGrain.For(_probe!);
            }

            throw new NotSupportedException(targetMethod?.Name);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852", Justification = "DispatchProxy derives from it at run time.")]
    private class ProbeGrain : DispatchProxy
    {
        private ScriptedProbe? _probe;

        public static IStorageProbeGrain For(ScriptedProbe probe)
        {
            var grain = Create<IStorageProbeGrain, ProbeGrain>();
            ((ProbeGrain)(object)grain)._probe = probe;
            return grain;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IStorageProbeGrain.Probe) ? _probe!.Probe() : throw new NotSupportedException(targetMethod?.Name);
    }
}
