using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Photos;
using EarlyWarning.Silo.Tests.Infrastructure;
using StackExchange.Redis;

namespace EarlyWarning.Silo.Tests.Retention;

/// <summary>
/// Retention in the cluster: a silo process on Redis storage and reminders, its retention periods
/// cut to seconds (the fake clock cannot reach another process), purges a resolved case with
/// nobody calling it, and afterwards no key in Redis holds any of the case's personal values.
/// </summary>
[Trait("Category", "Distributed")]
[Trait("Category", "Privacy")]
public sealed class RedisRetentionTests
{
    private static readonly (double Lat, double Lon) Kriva = (42.2019, 22.3317);

    [Fact]
    public async Task A_resolved_case_is_purged_by_its_reminder_and_no_redis_key_keeps_its_personal_data()
    {
        var marker = $"zz{Guid.NewGuid():N}"[..16];
        string[] settings = ["--Retention:ReporterContact=00:00:10", "--Retention:ResolvedCase=00:00:20", "--Retention:CheckPeriod=00:00:02"];
        var clusterId = $"ew-test-{Guid.NewGuid():N}";
        await using var redis = await RedisServer.StartAsync();
        await using var silo = await SiloProcess.StartAsync(redis, clusterId, settings: settings);
        await using var gateway = await new ClientGateway(redis, clusterId).ReadyAsync();
        using var supervisor = gateway.CreateClient();
        supervisor.DefaultRequestHeaders.Authorization = new("Bearer", await ApiCalls.Token(supervisor));

        using var opened = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = $"{marker}-name", age = 9, description = $"{marker}-description" },
            lastSeen = new { lat = Kriva.Lat, lon = Kriva.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-5) },
            travelMode = "walking",
            level = "internal",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var photo = await supervisor.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Jpeg()));
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var photoUrl = (await photo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoUrl").GetString()!;
        using var sighting = await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            id = $"s-{Guid.NewGuid():N}", lat = Kriva.Lat, lon = Kriva.Lon + 0.01, seenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            description = $"{marker}-sighting", reporterContact = $"{marker}-contact", channel = "hotline",
        });
        Assert.Equal(HttpStatusCode.Accepted, sighting.StatusCode);
        using var resolved = await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found", note = $"{marker}-note" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.NotEmpty(await KeysHolding(redis, $"{marker}-name"));

        // The silo's reminder (every 2 s) purges it once 20 s have passed since the resolve.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement purged;
        while (!(purged = await ApiCalls.Get(supervisor, $"/api/cases/{id}")).TryGetProperty("purgedAt", out _))
        {
            Assert.True(DateTime.UtcNow < deadline, "The case was not purged within 120 s.");
            await Task.Delay(500);
        }

        Assert.Empty(purged.GetProperty("child").EnumerateObject());
        Assert.Empty(await KeysHolding(redis, marker));
        using var photoAfter = await supervisor.GetAsync(photoUrl);
        Assert.Equal(HttpStatusCode.NotFound, photoAfter.StatusCode);
    }

    /// <summary>Every key whose value (string, hash fields and values, list, set or sorted set members) holds <paramref name="text"/> as UTF-8.</summary>
    private static async Task<List<string>> KeysHolding(RedisServer redis, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var db = connection.GetDatabase();
        var found = new List<string>();
        await foreach (var key in connection.GetServer(redis.Address).KeysAsync(pattern: "*"))
        {
            IEnumerable<RedisValue> values = await db.KeyTypeAsync(key) switch
            {
                RedisType.String => [await db.StringGetAsync(key)],
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }),
                RedisType.List => await db.ListRangeAsync(key),
                RedisType.Set => await db.SetMembersAsync(key),
                RedisType.SortedSet => await db.SortedSetRangeByRankAsync(key),
                _ => [],
            };
            if (values.Any(v => ((byte[]?)v ?? []).AsSpan().IndexOf(needle) >= 0) || Encoding.UTF8.GetBytes(key.ToString()).AsSpan().IndexOf(needle) >= 0)
            {
                found.Add(key.ToString());
            }
        }

        return found;
    }
}
