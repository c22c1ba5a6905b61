using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Dispatch;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// A gateway stopped (a redeploy) while its push outbox still holds a batch's pushes sends them
/// before it goes: the silo took the batch as delivered when it was queued, so a dropped push
/// would reach nobody, and to a phone whose page is closed a push is the only way in.
/// </summary>
[Trait("Category", "Push")]
public sealed class PushDrainTests
{
    private const int Subscribers = 12;

    [Fact]
    public async Task A_stopping_gateway_sends_every_push_it_had_queued_before_it_goes()
    {
        await using var service = await TestPushService.Start();
        await using var root = new GatewayFactory();
        var app = root.WithWebHostBuilder(b =>
        {
            service.AllowIn(b);
            // One push at a time to a slow push service: the outbox holds the batch for a while.
            b.UseSetting("Push:WorkerCount", "1");
        });
        var at = (Lat: 41.45, Lon: 20.75);
        var names = new List<string>();
        for (var i = 0; i < Subscribers; i++)
        {
            using var anonymous = app.CreateClient();
            var (_, token) = await Requests.Subscribe(anonymous, at.Lat, at.Lon + (i * 0.001));
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var push = new TestPushSubscription(service.Endpoint($"drain-{i}"));
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson())).StatusCode);
            names.Add($"drain-{i}");
        }

        service.AnswerDelay = TimeSpan.FromMilliseconds(250);
        using (var supervisor = app.CreateClient())
        {
            supervisor.DefaultRequestHeaders.Authorization = new("Bearer", (await GatewayFactory.TokenFor(app, "supervisor")).AccessToken);
            await Requests.OpenCase(supervisor, "Ana", at.Lat, at.Lon, level: "public");
        }

        await service.WaitFor(r => names.Contains(r.Name));
        await app.DisposeAsync();

        var reached = service.Received.Where(r => r.Status == 201).Select(r => r.Name).Distinct().Order().ToList();
        Assert.Equal(names.Order(), reached);
    }

    [Fact]
    public async Task A_batch_still_on_its_way_to_the_outbox_as_the_gateway_stops_is_pushed_too()
    {
        await using var service = await TestPushService.Start();
        await using var root = new GatewayFactory();
        var relay = new SlowRelay();
        var app = root.WithWebHostBuilder(b =>
        {
            service.AllowIn(b);
            // The relay (a Redis write, in a cluster) is slow: the batch has passed the sink's check
            // but is not queued for push yet when the gateway begins to stop.
            b.ConfigureTestServices(s => s.AddSingleton<IBatchRelay>(sp => relay.Over(ActivatorUtilities.CreateInstance<LocalBatchRelay>(sp))));
        });
        var at = (Lat: 41.30, Lon: 20.90);
        using (var anonymous = app.CreateClient())
        {
            var (_, token) = await Requests.Subscribe(anonymous, at.Lat, at.Lon);
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var push = new TestPushSubscription(service.Endpoint("in-flight"));
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson())).StatusCode);
        }

        relay.SlowFromNow();
        using (var supervisor = app.CreateClient())
        {
            supervisor.DefaultRequestHeaders.Authorization = new("Bearer", (await GatewayFactory.TokenFor(app, "supervisor")).AccessToken);
            await Requests.OpenCase(supervisor, "Ana", at.Lat, at.Lon, level: "public");
        }

        await relay.Relaying.WaitAsync(TimeSpan.FromSeconds(30));
        await app.DisposeAsync();

        Assert.Contains(service.Received, r => r.Name == "in-flight" && r.Status == 201);
    }

    /// <summary>A relay that, once told, takes two seconds over each batch.</summary>
    private sealed class SlowRelay
    {
        private readonly TaskCompletionSource _relaying = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _slow;

        public Task Relaying => _relaying.Task;

        public void SlowFromNow() => _slow = true;

        public IBatchRelay Over(IBatchRelay inner) => new Relay(this, inner);

        private sealed class Relay(SlowRelay slow, IBatchRelay inner) : IBatchRelay
        {
            async Task IBatchRelay.Relay(AlertBatch batch)
            {
                if (slow._slow)
                {
                    slow._relaying.TrySetResult();
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }

                await inner.Relay(batch);
            }
        }
    }
}
