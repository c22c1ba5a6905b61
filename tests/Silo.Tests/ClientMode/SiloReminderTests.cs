using EarlyWarning.Silo.Tests.Infrastructure;

namespace EarlyWarning.Silo.Tests.ClientMode;

/// <summary>The cluster's reminders live in Redis: an active case wakes on a restarted silo with no one calling it.</summary>
[Trait("Category", "Distributed")]
public sealed class SiloReminderTests
{
    private static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    [Fact]
    public async Task A_zone_keeps_growing_and_alerting_after_its_silo_is_killed_with_nobody_touching_the_case()
    {
        // 0.1 km/s: the zone (1 km at first) reaches a subscriber 5.5 km east watching 0.5 km about
        // 40 s after the child was last seen, long after the silo was killed and started again.
        string[] settings = ["--Zone:WalkingKmh=360", "--Cases:ZoneTickInterval=00:00:01", "--Cases:WakeUpPeriod=00:00:02"];
        var clusterId = $"ew-test-{Guid.NewGuid():N}";
        // One signing key for both gateways: the subscriber's token from the first works at the second.
        var signingKey = ("Auth:SigningKey", $"test-signing-key-{Guid.NewGuid():N}");
        await using var redis = await RedisServer.StartAsync();
        var silo = await SiloProcess.StartAsync(redis, clusterId, settings: settings);
        try
        {
            string caseId;
            (string Id, string Token) far;
            await using (var before = await new ClientGateway(redis, clusterId, signingKey).ReadyAsync())
            {
                using var client = before.CreateClient();
                far = await ApiCalls.Subscribe(client, Skopje.Lat, Skopje.Lon + (5.5 / (111.32 * Math.Cos(Skopje.Lat * Math.PI / 180))), watchRadiusKm: 0.5);
                client.DefaultRequestHeaders.Authorization = new("Bearer", await ApiCalls.Token(client));
                caseId = await ApiCalls.OpenPublicCase(client, Skopje.Lat, Skopje.Lon, DateTimeOffset.UtcNow);
            }

            var (siloPort, gatewayPort) = (silo.SiloPort, silo.GatewayPort);
            await silo.DisposeAsync();
            var killedAt = DateTimeOffset.UtcNow;
            silo = await SiloProcess.StartAsync(redis, clusterId, siloPort, gatewayPort, settings);

            // Only the subscriber connects, to a gateway that knows the new silo: its Redis reminder must wake the case.
            await using var after = await new ClientGateway(redis, clusterId, signingKey).ReadyAsync();
            await using var hub = after.BuildHub(far.Token);
            var inbox = new AlertInbox(hub);
            await hub.StartAsync();
            var alert = await inbox.WaitFor(caseId, "new", TimeSpan.FromSeconds(75));

            Assert.True(DateTimeOffset.Parse(alert.GetProperty("issuedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > killedAt,
                "the new was issued before the silo was killed");
            Assert.Equal("Ana", alert.GetProperty("child").GetProperty("name").GetString());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
