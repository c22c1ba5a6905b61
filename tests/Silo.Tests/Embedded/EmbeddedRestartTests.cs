using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Silo.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Silo.Tests.Embedded;

/// <summary>
/// The one-process mode as a small control room runs it (<c>dotnet run --project src/Gateway</c>:
/// embedded silo, state and reminders in a SQLite file), killed as a crash kills it and started
/// again on the same file.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class EmbeddedRestartTests : IAsyncLifetime
{
    private static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    private readonly string _folder = Directory.CreateTempSubdirectory("ew-embedded-").FullName;
    private readonly List<GatewayProcess> _gateways = [];

    private string StoragePath => Path.Combine(_folder, "earlywarning.db");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_embedded_gateway_killed_and_started_again_has_lost_nothing_and_sends_no_second_new()
    {
        // A zone that grows 0.1 km (a push) every 10 s, so pushes follow the restart too.
        string[] settings = ["--Zone:WalkingKmh=36", "--Cases:ZoneTickInterval=00:00:01", "--Cases:WakeUpPeriod=00:00:02"];
        var first = await Start(settings);
        using var anonymous = first.CreateClient();
        var subscriber = await ApiCalls.Subscribe(anonymous, Skopje.Lat, Skopje.Lon, watchRadiusKm: 3);
        var hub = first.BuildHub(subscriber.Token);
        var before = new AlertInbox(hub);
        await hub.StartAsync();
        using var supervisor = first.CreateClient(await ApiCalls.Token(anonymous));
        var caseId = await ApiCalls.OpenPublicCase(supervisor, Skopje.Lat, Skopje.Lon, DateTimeOffset.UtcNow.AddMinutes(-1));
        var alert = await before.WaitFor(caseId, "new", TimeSpan.FromSeconds(30));
        using var sighting = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new
        {
            lat = Skopje.Lat + 0.005, lon = Skopje.Lon, seenAt = DateTimeOffset.UtcNow, description = "at the bus stop",
        });
        Assert.Equal(HttpStatusCode.Accepted, sighting.StatusCode);
        var sightingId = (await sighting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await hub.InvokeAsync("Acknowledge", caseId, alert.GetProperty("version").GetInt64());
        await Eventually(async () => (await ApiCalls.Get(supervisor, $"/api/cases/{caseId}")).GetProperty("stats") is var stats
            && stats.GetProperty("acknowledged").GetInt64() == 1 && stats.GetProperty("delivered").GetInt64() == 1);
        var lastSeenVersion = before.Received.Max(a => a.GetProperty("version").GetInt64());

        await first.KillAsync();
        await hub.DisposeAsync();
        var second = await Start(settings);

        // The subscriber's token from before the crash still works (the demo accounts' passwords are
        // hashed afresh per run, which ends their tokens: the supervisor signs in again).
        using var anonymousAgain = second.CreateClient();
        using var supervisorAgain = second.CreateClient(await ApiCalls.Token(anonymousAgain));
        var read = await ApiCalls.Get(supervisorAgain, $"/api/cases/{caseId}");
        Assert.Equal("Ana", read.GetProperty("child").GetProperty("name").GetString());
        Assert.Equal("active", read.GetProperty("status").GetString());
        Assert.Equal(sightingId, Assert.Single(read.GetProperty("sightings").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, read.GetProperty("stats").GetProperty("acknowledged").GetInt64());
        Assert.Equal(1, read.GetProperty("stats").GetProperty("delivered").GetInt64());
        Assert.Equal(1, read.GetProperty("stats").GetProperty("alerted").GetInt64());
        Assert.Contains(caseId, (await ApiCalls.Get(supervisorAgain, "/api/cases")).EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        using var subscriberAgain = second.CreateClient(subscriber.Token);
        var catchUp = await ApiCalls.Get(subscriberAgain, "/api/subscribers/me/alerts");
        Assert.Equal(caseId, Assert.Single(catchUp.EnumerateArray()).GetProperty("caseId").GetString());

        // Reconnected, the subscriber hears the zone grow (the woken case pushes) as updates:
        // its tile's ledger remembers the new it had.
        var hubAgain = second.BuildHub(subscriber.Token);
        await using var _ = hubAgain;
        var after = new AlertInbox(hubAgain);
        await hubAgain.StartAsync();
        await after.WaitFor(a => a.GetProperty("caseId").GetString() == caseId && a.GetProperty("version").GetInt64() > lastSeenVersion, TimeSpan.FromSeconds(40));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(after.Of(caseId, "new"));
        Assert.NotEmpty(after.Of(caseId, "update"));
    }

    [Fact]
    public async Task A_zone_keeps_growing_and_alerting_after_the_embedded_gateway_is_killed_with_nobody_touching_the_case()
    {
        // 0.1 km/s: the zone (1 km at first) reaches a subscriber 5.5 km east watching 0.5 km
        // about 40 s after the child was last seen, long after the gateway was killed and restarted.
        string[] settings = ["--Zone:WalkingKmh=360", "--Cases:ZoneTickInterval=00:00:01", "--Cases:WakeUpPeriod=00:00:02"];
        var first = await Start(settings);
        using var anonymous = first.CreateClient();
        var far = await ApiCalls.Subscribe(anonymous, Skopje.Lat, Skopje.Lon + (5.5 / (111.32 * Math.Cos(Skopje.Lat * Math.PI / 180))), watchRadiusKm: 0.5);
        using var supervisor = first.CreateClient(await ApiCalls.Token(anonymous));
        var caseId = await ApiCalls.OpenPublicCase(supervisor, Skopje.Lat, Skopje.Lon, DateTimeOffset.UtcNow);
        using (var farClient = first.CreateClient(far.Token))
        {
            Assert.Empty((await ApiCalls.Get(farClient, "/api/subscribers/me/alerts")).EnumerateArray());
        }

        await first.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var second = await Start(settings);

        // Only the subscriber connects: no one calls the case; its reminder must wake it.
        var hub = second.BuildHub(far.Token);
        await using var _ = hub;
        var inbox = new AlertInbox(hub);
        await hub.StartAsync();
        var alert = await inbox.WaitFor(caseId, "new", TimeSpan.FromSeconds(75));

        Assert.True(DateTimeOffset.Parse(alert.GetProperty("issuedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > killedAt,
            "the new was issued before the gateway was killed");
        Assert.Equal("Ana", alert.GetProperty("child").GetProperty("name").GetString());
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task A_hosted_photo_is_kept_in_the_sqlite_file_and_served_the_same_after_a_crash()
    {
        var first = await Start([]);
        using var anonymous = first.CreateClient();
        using var supervisor = first.CreateClient(await ApiCalls.Token(anonymous));
        var caseId = await ApiCalls.OpenPublicCase(supervisor, Skopje.Lat, Skopje.Lon, DateTimeOffset.UtcNow.AddMinutes(-1));
        using var form = EarlyWarning.Gateway.Tests.Photos.TestImages.Form(EarlyWarning.Gateway.Tests.Photos.TestImages.Jpeg());
        using var uploaded = await supervisor.PostAsync($"/api/cases/{caseId}/photo", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoUrl").GetString()!;
        var before = await anonymous.GetByteArrayAsync(url);

        await first.KillAsync();
        var second = await Start([]);

        using var anonymousAgain = second.CreateClient();
        Assert.Equal(before, await anonymousAgain.GetByteArrayAsync(url));
        using var supervisorAgain = second.CreateClient(await ApiCalls.Token(anonymousAgain));
        Assert.Equal(url, (await ApiCalls.Get(supervisorAgain, $"/api/cases/{caseId}")).GetProperty("child").GetProperty("photoUrl").GetString());
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task A_webhook_still_undelivered_when_the_gateway_is_killed_is_sent_after_the_restart_by_its_reminder_under_the_same_delivery_id()
    {
        await using var receiver = await EarlyWarning.Gateway.Tests.Partners.TestPartnerReceiver.Start();
        receiver.AnswerFromNowOn("mk", 500);
        // Only the loopback receiver is allowed; no sweep within the test, so only the partner's own reminder can resume it.
        string[] settings = ["--Partners:AllowedHosts:0=127.0.0.1", "--Partners:FirstRetryDelay=00:00:00.2", "--Partners:MaxRetryDelay=00:00:01", "--Partners:SweepPeriod=01:00:00"];
        var first = await Start(settings);
        using var anonymous = first.CreateClient();
        using var supervisor = first.CreateClient(await ApiCalls.Token(anonymous));
        using var registered = await supervisor.PostAsJsonAsync("/api/partners", new
        {
            name = "Skopje partner", url = receiver.Url("mk"), countries = new List<string> { "MK" }, languages = new List<string> { "mk", "en" }, secret = "restart-partner-secret-0123",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var partnerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var caseId = await ApiCalls.OpenPublicCase(supervisor, Skopje.Lat, Skopje.Lon, DateTimeOffset.UtcNow.AddMinutes(-1));
        await receiver.WaitFor("mk", w => w.Body.Contains(caseId, StringComparison.Ordinal) && w.Status == 500);
        await Eventually(() => Task.FromResult(receiver.To("mk").Count(w => w.Body.Contains(caseId, StringComparison.Ordinal)) >= 2));

        await first.KillAsync();
        var failedBefore = receiver.To("mk").Count(w => w.Body.Contains(caseId, StringComparison.Ordinal));
        receiver.AnswerFromNowOn("mk", 200);
        var second = await Start(settings);
        var accepted = await receiver.WaitFor("mk", w => w.Body.Contains(caseId, StringComparison.Ordinal) && w.Status == 200, TimeSpan.FromSeconds(120));

        using var anonymousAgain = second.CreateClient();
        using var supervisorAgain = second.CreateClient(await ApiCalls.Token(anonymousAgain));
        // The partner records the attempt once the receiver has answered it.
        List<JsonElement> attempts = [];
        await Eventually(async () => (attempts = [.. (await ApiCalls.Get(supervisorAgain, $"/api/partners/{partnerId}/deliveries")).EnumerateArray()])
            .Any(a => a.TryGetProperty("statusCode", out var status) && status.GetInt32() == 200));
        var received = receiver.To("mk").Where(w => w.Body.Contains(caseId, StringComparison.Ordinal)).ToList();
        Assert.Single(received.Select(w => w.Delivery).Distinct());
        Assert.Equal(received[0].Delivery, accepted.Delivery);
        Assert.Equal(200, attempts[0].GetProperty("statusCode").GetInt32());
        // The failures stored before the kill are kept, and the numbering goes on from them.
        Assert.True(failedBefore >= 2);
        Assert.True(attempts[0].GetProperty("attempt").GetInt32() >= 2, "the attempts went on counting from before the restart");
        Assert.Equal(Enumerable.Range(1, attempts.Count).Reverse(), attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.All(attempts.Skip(1), a => Assert.Equal(500, a.GetProperty("statusCode").GetInt32()));
    }

    private async Task<GatewayProcess> Start(string[] settings)
    {
        var gateway = await GatewayProcess.StartAsync([$"--Storage:Path={StoragePath}", .. settings]);
        _gateways.Add(gateway);
        return gateway;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 20 s");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
