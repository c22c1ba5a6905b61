using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Silo.Tests.Infrastructure;

namespace EarlyWarning.Silo.Tests.Delivery;

/// <summary>
/// Two client-mode gateways (their own processes) on one silo and Redis; one is killed with its
/// phones connected: they reconnect to the other and catch up, nothing is shown twice, and the
/// dead gateway's sink is out of the way before the next batch.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class GatewayKilledTests
{
    private const int Phones = 20;

    [Fact]
    public async Task Phones_of_a_killed_gateway_reconnect_to_the_other_catch_up_without_duplicates_and_get_the_next_batch_within_seconds()
    {
        var clusterId = $"ew-test-{Guid.NewGuid():N}";
        await using var redis = await RedisServer.StartAsync();
        await using var silo = await SiloProcess.StartAsync(redis, clusterId);
        var settings = GatewayProcess.ClientModeSettings(redis, clusterId);
        await using var doomed = await GatewayProcess.StartAsync(settings);
        await using var survivor = await GatewayProcess.StartAsync(settings);

        using var anonymous = doomed.CreateClient();
        var phones = new List<(string Id, string Token)>();
        for (var i = 0; i < Phones; i++)
        {
            phones.Add(await ClusterCalls.SubscribeInSkopje(anonymous));
        }

        var onDoomed = await Task.WhenAll(phones.Select(p => LeanHubSocket.ConnectAsync(doomed.BaseAddress, p.Id, p.Token, CancellationToken.None)));
        var onSurvivor = new List<LeanHubSocket>();
        try
        {
            using var supervisor = survivor.CreateClient(await ApiCalls.Token(survivor.CreateClient()));
            var caseId = await ClusterCalls.OpenPublicCaseInSkopje(supervisor);
            await Eventually(() => onDoomed.All(s => s.Alerts.Any(a => a.CaseId == caseId && a.Kind == "new")), TimeSpan.FromSeconds(30), "every phone's new on the doomed gateway");
            // A phone can read its alert before the gateway has finished the send and reported it
            // (the socket is written while the send completes): killed in between, the gateway
            // takes the count with it. The kill comes once the tally has it; what follows must not add to it.
            var counted = Stopwatch.StartNew();
            while ((await ApiCalls.Get(supervisor, $"/api/cases/{caseId}")).GetProperty("stats").GetProperty("delivered").GetInt64() < Phones)
            {
                Assert.True(counted.Elapsed < TimeSpan.FromSeconds(15), "the doomed gateway's deliveries were never counted");
                await Task.Delay(100);
            }

            await doomed.KillAsync();
            var killedAt = Stopwatch.StartNew();
            // A sighting right away: its batch may be offered to the dead sink first (still registered).
            Assert.Equal(HttpStatusCode.Accepted, (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", ClusterCalls.SightingNearSkopje($"s-{Guid.NewGuid():N}"))).StatusCode);

            // The phones notice and reconnect to the other gateway, then catch up as the pages do.
            foreach (var phone in phones)
            {
                onSurvivor.Add(await LeanHubSocket.ConnectAsync(survivor.BaseAddress, phone.Id, phone.Token, CancellationToken.None));
            }

            var caughtUp = new List<SeenAlert>[Phones];
            for (var i = 0; i < Phones; i++)
            {
                using var phone = survivor.CreateClient(phones[i].Token);
                var current = await ApiCalls.Get(phone, "/api/subscribers/me/alerts");
                caughtUp[i] = [.. current.EnumerateArray().Select(a => new SeenAlert(a.GetProperty("caseId").GetString()!, a.GetProperty("version").GetInt64(), a.GetProperty("kind").GetString()!))];
            }

            var read = await ApiCalls.Get(supervisor, $"/api/cases/{caseId}");
            var version = read.GetProperty("version").GetInt64();
            Assert.True(version >= 2, "the sighting made no new version");
            // What each phone shows, as alertInbox.js keeps it: the newest (case, version), each once.
            await Eventually(
                () => Enumerable.Range(0, Phones).All(i => Shown(onDoomed[i], onSurvivor[i], caughtUp[i], caseId) >= version),
                TimeSpan.FromSeconds(30),
                "every phone shows the case's current version, live or caught up");

            // The next batch: by now the dead sink's lease has run out (6 s), so the batch goes
            // straight to the live gateway, far within one delivery timeout (5 s).
            var lease = TimeSpan.FromSeconds(7) - killedAt.Elapsed;
            if (lease > TimeSpan.Zero)
            {
                await Task.Delay(lease);
            }

            var sent = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Accepted, (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", ClusterCalls.SightingNearSkopje($"s-{Guid.NewGuid():N}"))).StatusCode);
            var next = (await ApiCalls.Get(supervisor, $"/api/cases/{caseId}")).GetProperty("version").GetInt64();
            Assert.True(next > version, "the second sighting made no new version");
            await Eventually(() => onSurvivor.All(s => s.Alerts.Any(a => a.CaseId == caseId && a.Version == next)), TimeSpan.FromSeconds(15), $"every phone's v{next} live");
            Assert.True(sent.Elapsed < TimeSpan.FromSeconds(4), $"the next batch took {sent.Elapsed} to reach every phone: the dead sink was still tried");

            for (var i = 0; i < Phones; i++)
            {
                var live = onDoomed[i].Alerts.Concat(onSurvivor[i].Alerts).Where(a => a.CaseId == caseId).ToList();
                // One new per phone over both gateways; no (case, version) sent twice to a phone.
                Assert.Single(live, a => a.Kind == "new");
                Assert.Equal(live.Count, live.Select(a => a.Version).Distinct().Count());
            }

            // delivered stays exact under the retry: one per phone, never more than alerted.
            var stats = (await ApiCalls.Get(supervisor, $"/api/cases/{caseId}")).GetProperty("stats");
            Assert.Equal(Phones, stats.GetProperty("alerted").GetInt64());
            Assert.Equal(Phones, stats.GetProperty("delivered").GetInt64());
        }
        finally
        {
            foreach (var socket in onDoomed.Concat(onSurvivor))
            {
                await socket.DisposeAsync();
            }
        }
    }

    /// <summary>The version of the case the phone shows: the newest it got live on either gateway or in its catch-up.</summary>
    private static long Shown(LeanHubSocket first, LeanHubSocket second, List<SeenAlert> caughtUp, string caseId) =>
        first.Alerts.Concat(second.Alerts).Concat(caughtUp).Where(a => a.CaseId == caseId).Select(a => a.Version).DefaultIfEmpty(0).Max();

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
