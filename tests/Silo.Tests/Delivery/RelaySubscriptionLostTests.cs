using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Silo.Tests.Infrastructure;
using StackExchange.Redis;

namespace EarlyWarning.Silo.Tests.Delivery;

/// <summary>
/// The batch relay between gateways when one gateway's Redis subscription is gone (Redis closes a
/// subscriber that falls behind its pub/sub output limit; a connection breaks): the batches relayed
/// meanwhile still reach that gateway's phones, instead of being lost for it.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class RelaySubscriptionLostTests
{
    private const int Phones = 10;

    [Fact]
    public async Task A_gateway_whose_relay_subscription_is_killed_still_delivers_the_batches_relayed_meanwhile()
    {
        var clusterId = $"ew-test-{Guid.NewGuid():N}";
        await using var redis = await RedisServer.StartAsync();
        await using var silo = await SiloProcess.StartAsync(redis, clusterId);
        var settings = GatewayProcess.ClientModeSettings(redis, clusterId);
        await using var control = await GatewayProcess.StartAsync(settings);
        await using var cutOff = await GatewayProcess.StartAsync(settings);
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        var server = admin.GetServer(redis.Address);

        using var anonymous = cutOff.CreateClient();
        var phones = new List<(string Id, string Token)>();
        for (var i = 0; i < Phones; i++)
        {
            phones.Add(await ClusterCalls.SubscribeInSkopje(anonymous));
        }

        var sockets = await Task.WhenAll(phones.Select(p => LeanHubSocket.ConnectAsync(cutOff.BaseAddress, p.Id, p.Token, CancellationToken.None)));
        try
        {
            // The case is opened on the other gateway, so its sink (or that one's) relays every batch.
            using var supervisor = control.CreateClient(await ApiCalls.Token(control.CreateClient()));
            var caseId = await ClusterCalls.OpenPublicCaseInSkopje(supervisor);
            await Eventually(() => sockets.All(s => s.Alerts.Any(a => a.CaseId == caseId && a.Kind == "new")), TimeSpan.FromSeconds(30), "every phone's new");

            // The cut-off gateway loses its relay subscription and cannot subscribe again (as while
            // Redis keeps closing it); the other gateway's stays. Then a sighting makes a new version.
            await server.ExecuteAsync("ACL", "SETUSER", "default", "-subscribe");
            var killed = 0;
            foreach (var client in await server.ClientListAsync())
            {
                if (client.Name == $"earlywarning-gateway-relay-{cutOff.ProcessId}" && client.SubscriptionCount > 0)
                {
                    await server.ExecuteAsync("CLIENT", "KILL", "ID", client.Id);
                    killed++;
                }
            }

            Assert.True(killed > 0, "the cut-off gateway's relay subscription was not found in CLIENT LIST");
            Assert.Equal(HttpStatusCode.Accepted, (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", ClusterCalls.SightingNearSkopje($"s-{Guid.NewGuid():N}"))).StatusCode);
            var version = (await ApiCalls.Get(supervisor, $"/api/cases/{caseId}")).GetProperty("version").GetInt64();

            // Every phone gets it live, with the subscription still down.
            await Eventually(() => sockets.All(s => s.Alerts.Any(a => a.CaseId == caseId && a.Version == version)), TimeSpan.FromSeconds(20),
                $"every phone's v{version} while its gateway's relay subscription is down");
            await server.ExecuteAsync("ACL", "SETUSER", "default", "+subscribe");

            foreach (var socket in sockets)
            {
                var live = socket.Alerts.Where(a => a.CaseId == caseId).ToList();
                Assert.Single(live, a => a.Kind == "new");
                Assert.Equal(live.Count, live.Select(a => a.Version).Distinct().Count());
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task Eventually(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < within, $"not within {within}: {what}");
            await Task.Delay(100);
        }
    }
}
