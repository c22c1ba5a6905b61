using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using EarlyWarning.Gateway.Cap;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cap;

/// <summary>The partner feeds come from the output cache, and a case's change shows at once.</summary>
public sealed class CapCacheTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_cap_message_is_served_from_the_cache_until_its_case_changes_then_shows_the_new_version()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, level: "public")).GetProperty("id").GetString()!;
        using var partner = factory.CreateClient();
        var first = await partner.GetAsync($"/api/cap/{id}");
        var second = await partner.GetAsync($"/api/cap/{id}");

        var sighting = await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new { lat = 42.0, lon = 21.3, seenAt = DateTimeOffset.UtcNow, description = "bus stop" });
        var version = (await supervisor.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{id}")).GetProperty("version").GetInt64();
        var updated = await partner.GetAsync($"/api/cap/{id}");
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var resolved = await partner.GetAsync($"/api/cap/{id}");

        Assert.False(first.Headers.Contains("Age"), "the first request renders");
        Assert.True(second.Headers.Contains("Age"), "the second is served from the output cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, sighting.StatusCode);
        var update = await Cap(updated);
        Assert.Equal("Update", update.Descendants(CapMessage.Ns + "msgType").Single().Value);
        Assert.EndsWith($":v{version}", update.Descendants(CapMessage.Ns + "identifier").Single().Value, StringComparison.Ordinal);
        Assert.Equal("Cancel", (await Cap(resolved)).Descendants(CapMessage.Ns + "msgType").Single().Value);
    }

    [Fact]
    public async Task The_atom_feed_is_cached_and_turns_a_resolved_case_into_its_nameless_cancel_at_once()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Boris", 41.99, 21.43, level: "public")).GetProperty("id").GetString()!;
        using var partner = factory.CreateClient();
        var before = await partner.GetStringAsync("/api/cap/alerts.atom");
        var cached = await partner.GetAsync("/api/cap/alerts.atom");

        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var after = await partner.GetStringAsync("/api/cap/alerts.atom");

        Assert.Contains($"/api/cap/{id}", before, StringComparison.Ordinal);
        Assert.True(cached.Headers.Contains("Age"), "an unchanged feed is served from the output cache");
        Assert.Contains("Boris", before, StringComparison.Ordinal);
        Assert.Contains($"/api/cap/{id}", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Boris", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_atom_feed_lists_a_case_escalated_to_public_at_once()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Vesna", 41.99, 21.43)).GetProperty("id").GetString()!;
        using var partner = factory.CreateClient();
        var before = await partner.GetStringAsync("/api/cap/alerts.atom");
        await partner.GetStringAsync("/api/cap/alerts.atom");

        var escalated = await supervisor.PostAsync($"/api/cases/{id}/escalate", null);
        var after = await partner.GetStringAsync("/api/cap/alerts.atom");

        Assert.True(escalated.IsSuccessStatusCode);
        Assert.DoesNotContain($"/api/cap/{id}", before, StringComparison.Ordinal);
        Assert.Contains($"/api/cap/{id}", after, StringComparison.Ordinal);
    }

    private static async Task<XDocument> Cap(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
