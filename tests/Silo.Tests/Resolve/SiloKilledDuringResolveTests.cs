using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EarlyWarning.Silo.Tests.Resolve;

/// <summary>Two silos on Redis, one killed while a resolve is under way: the case still leaves the feeds and alerts no newcomer.</summary>
[Trait("Category", "Distributed")]
public sealed class SiloKilledDuringResolveTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_silo_killed_during_a_resolve_leaves_only_the_nameless_cancel_in_the_atom_feed_and_no_newcomer_gets_a_new()
    {
        string[] settings = ["--Cases:WakeUpPeriod=00:00:02"];
        var clusterId = $"ew-test-{Guid.NewGuid():N}";
        await using var redis = await RedisServer.StartAsync();
        await using var first = await SiloProcess.StartAsync(redis, clusterId, settings: settings, output: output);
        await using var second = await SiloProcess.StartAsync(redis, clusterId, settings: settings, output: output);
        await using var gateway = await new ClientGateway(redis, clusterId).ReadyAsync();
        using var supervisor = await ClusterCalls.SupervisorClient(gateway);
        using var partner = gateway.CreateClient();
        // A cluster of two just started may answer 503 until the second silo has joined: the setup
        // waits for one subscription to go through (retries of a refused subscription are harmless).
        var alerted = await WhenJoined(() => ClusterCalls.SubscribeInSkopje(gateway.CreateClient()));
        await using var alertedHub = gateway.BuildHub(alerted.Token);
        var alertedInbox = new AlertInbox(alertedHub);
        await alertedHub.StartAsync();
        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(supervisor);
        await alertedInbox.WaitFor(caseId, "new", TimeSpan.FromSeconds(30));

        // The kill lands while the resolve is on its way through the case, the directories and the tiles.
        var resolving = supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" });
        await first.DisposeAsync();
        var sinceKill = System.Diagnostics.Stopwatch.StartNew();
        var firstRead = FirstAnswer(() => supervisor.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative)), sinceKill);
        var answer = await resolving;

        // The operator's retry until one is accepted. A 409 only once the resolve is complete (an
        // answer the kill lost): then the case reads resolved, with no cancel pending.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no resolve accepted within 90 s (last {answer.StatusCode})");
            await Task.Delay(TimeSpan.FromSeconds(1));
            answer = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" });
        }

        if (answer.StatusCode == HttpStatusCode.Conflict)
        {
            var read = await ApiCalls.Get(supervisor, $"/api/cases/{caseId}");
            Assert.Equal("resolved", read.GetProperty("status").GetString());
            Assert.False(read.GetProperty("cancelsPending").GetBoolean());
        }

        output.WriteLine($"resolve answered {(int)answer.StatusCode} {sinceKill.Elapsed.TotalSeconds:F1} s after the kill");
        // A recovery time, written out (not asserted): README "Running a cluster" quotes it.
        output.WriteLine($"the case read answered 200 {(await firstRead).TotalSeconds:F1} s after the kill");
        // A partner's poller reads the feed as soon as the resolve is answered. Right after a kill the
        // feed's directory may still be routed to the dead silo: 503 with Retry-After (which shows no
        // case at all), retried as a poller would. How long that lasts is written out.
        var feed = await ReadWhenAnswered(partner, "/api/cap/alerts.atom", sinceKill);
        output.WriteLine($"the Atom feed answered 200 {sinceKill.Elapsed.TotalSeconds:F1} s after the kill");
        // A phone retries a 503 subscription the same way (for ever; here up to 30 s).
        var newcomer = await WhenJoined(() => ClusterCalls.SubscribeInSkopje(gateway.CreateClient()));
        output.WriteLine($"a newcomer subscribed {sinceKill.Elapsed.TotalSeconds:F1} s after the kill");
        await using var newcomerHub = gateway.BuildHub(newcomer.Token);
        var newcomerInbox = new AlertInbox(newcomerHub);
        await newcomerHub.StartAsync();
        // Long enough for the tile's latecomer check and a few wake-up retries (every 2 s here).
        await Task.Delay(TimeSpan.FromSeconds(6));

        // The feed keeps the resolved case 24 h as its Cancel entry, which names no child.
        Assert.Contains($"/api/cap/{caseId}", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", feed, StringComparison.Ordinal);
        Assert.Empty(newcomerInbox.Of(caseId, "new"));
        Assert.Single(alertedInbox.Of(caseId, "new"));
        // At most one cancel: a cancel batch the killed silo had not handed over is not sent again
        // (delivery retries are issue 15 item 4, not this test's).
        Assert.True(alertedInbox.Of(caseId, "cancel").Count <= 1, "a cancel was doubled");
    }

    /// <summary>How long after the kill a read first answered 200: the calls before it got 503 (or waited).</summary>
    private static async Task<TimeSpan> FirstAnswer(Func<Task<HttpResponseMessage>> read, System.Diagnostics.Stopwatch sinceKill)
    {
        while (sinceKill.Elapsed < TimeSpan.FromSeconds(90))
        {
            using var response = await read();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return sinceKill.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        return sinceKill.Elapsed;
    }

    /// <summary>Reads a public page as a poller does: a 503 carrying Retry-After is read again half a second later, anything else but 200 fails.</summary>
    private static async Task<string> ReadWhenAnswered(HttpClient client, string path, System.Diagnostics.Stopwatch sinceKill)
    {
        while (true)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || sinceKill.Elapsed > TimeSpan.FromSeconds(90))
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }

            Assert.NotNull(response.Headers.RetryAfter);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task<T> WhenJoined<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Xunit.Sdk.EqualException) when (attempt < 60)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
