using System.Net;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Dispatch;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>
/// A gateway whose sink heartbeats fail for a while (the registry's silo dying, until membership
/// votes it out) stays ready: silos go on delivering to the sinks they knew, and a failed heartbeat
/// alone made every gateway unready at once, so a load balancer drained them all.
/// </summary>
public sealed class ReadinessGraceTests
{
    [Fact]
    public async Task A_gateway_stays_ready_while_its_heartbeats_fail_for_less_than_the_grace()
    {
        var registry = new FailingRegistrations();
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IIncomingGrainCallFilter>(registry)));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        registry.Failing = true;
        await registry.FailedTwice.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
    }

    /// <summary>While <see cref="Failing"/>, the registry refuses every registration.</summary>
    private sealed class FailingRegistrations : IIncomingGrainCallFilter
    {
        private readonly TaskCompletionSource _failedTwice = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failures;

        public volatile bool Failing;

        /// <summary>Two heartbeats in a row were refused.</summary>
        public Task FailedTwice => _failedTwice.Task;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (Failing && context.InterfaceMethod?.DeclaringType == typeof(ISinkRegistryGrain) && context.MethodName == nameof(ISinkRegistryGrain.Register))
            {
                if (Interlocked.Increment(ref _failures) >= 2)
                {
                    _failedTwice.TrySetResult();
                }

                return Task.FromException(new InvalidOperationException("Injected: the registry's silo does not answer."));
            }

            return context.Invoke();
        }
    }
}
