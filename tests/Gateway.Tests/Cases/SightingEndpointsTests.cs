using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

public sealed class SightingEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private static object Sighting(string? id = null, double lat = 42.0, double lon = 21.3, string? contact = "+389 70 123 456") => new
    {
        id,
        lat,
        lon,
        seenAt = DateTimeOffset.UtcNow.AddMinutes(-2),
        description = "child at the bus stop",
        reporterContact = contact,
    };

    [Fact]
    public async Task Operator_sighting_is_202_verified_and_re_centres_the_zone()
    {
        using var client = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(client, "Ana", 41.9981, 21.4254)).GetProperty("id").GetString();

        var response = await client.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sighting = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("verified", sighting.GetProperty("status").GetString());
        Assert.Equal("operator", sighting.GetProperty("reporterRole").GetString());
        Assert.Equal("+389 70 123 456", sighting.GetProperty("reporterContact").GetString());
        var zone = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/zone");
        var anchors = zone.GetProperty("properties").GetProperty("anchors");
        Assert.Equal(2, anchors.GetArrayLength());
        Assert.Contains(anchors.EnumerateArray(), a => a.GetProperty("lat").GetDouble() == 42.0);
    }

    [Fact]
    public async Task Same_sighting_id_twice_stores_one_sighting()
    {
        using var client = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(client, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        var first = await client.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting("client-1"));
        var second = await client.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting("client-1", lat: 41.5));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(42.0, again.GetProperty("lat").GetDouble());
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Single(stored.GetProperty("sightings").EnumerateArray());
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
    }

    [Fact]
    public async Task Anonymous_sighting_on_a_public_case_is_pending_and_hides_the_contact()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var anonymous = factory.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, level: "public")).GetProperty("id").GetString();

        var response = await anonymous.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sighting = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", sighting.GetProperty("status").GetString());
        Assert.Equal("public", sighting.GetProperty("reporterRole").GetString());
        Assert.False(sighting.TryGetProperty("reporterContact", out _));
        var zone = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/zone");
        Assert.Equal(1, zone.GetProperty("properties").GetProperty("anchors").GetArrayLength());
    }

    [Fact]
    public async Task Anonymous_sighting_on_an_internal_case_is_404_active_or_resolved()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var anonymous = factory.CreateClient();
        var id = (await Requests.OpenCase(operatorClient, "Ana", 41.99, 21.43)).GetProperty("id").GetString();
        var resolvedId = (await Requests.OpenCase(operatorClient, "Ana", 41.99, 21.43)).GetProperty("id").GetString();
        (await operatorClient.PostAsJsonAsync($"/api/cases/{resolvedId}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();

        // Resolved, an internal case is as unknown to the public as before: 404, not "resolved".
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync($"/api/cases/{resolvedId}/sightings", Sighting())).StatusCode);

        var response = await anonymous.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var stored = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Empty(stored.GetProperty("sightings").EnumerateArray());
    }

    [Fact]
    public async Task Field_team_reads_the_case_without_reporter_contacts()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var field = await factory.CreateClientAs("field2");
        var id = (await Requests.OpenCase(operatorClient, "Ana", 41.99, 21.43)).GetProperty("id").GetString();
        await operatorClient.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting());

        var seenByField = await field.GetStringAsync($"/api/cases/{id}");
        var seenByOperator = await operatorClient.GetStringAsync($"/api/cases/{id}");

        Assert.DoesNotContain("reporterContact", seenByField, StringComparison.Ordinal);
        Assert.DoesNotContain("+389 70 123 456", seenByField, StringComparison.Ordinal);
        Assert.Contains("+389 70 123 456", seenByOperator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_sent_with_an_offset_are_kept_and_answered_in_utc()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var skopjeTime = DateTimeOffset.UtcNow.AddMinutes(-10).ToOffset(TimeSpan.FromHours(1));
        var opened = await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, lastSeenAt: skopjeTime);
        var id = opened.GetProperty("id").GetString();

        var reported = await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new { lat = 42.0, lon = 21.3, seenAt = skopjeTime.AddMinutes(5), description = "at the kiosk" });
        var sighting = await reported.Content.ReadFromJsonAsync<JsonElement>();

        var lastSeenAt = opened.GetProperty("lastSeen").GetProperty("at").GetDateTimeOffset();
        var seenAt = sighting.GetProperty("seenAt").GetDateTimeOffset();
        Assert.Equal((skopjeTime, TimeSpan.Zero), (lastSeenAt, lastSeenAt.Offset));
        Assert.Equal((skopjeTime.AddMinutes(5), TimeSpan.Zero), (seenAt, seenAt.Offset));
    }

    [Fact]
    public async Task A_blank_reporter_contact_is_no_contact()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(operatorClient, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        var reported = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting(contact: "   "));
        var sighting = await reported.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(reported.IsSuccessStatusCode, sighting.ToString());
        Assert.False(sighting.TryGetProperty("reporterContact", out _), sighting.ToString());
    }

    [Fact]
    public async Task Field_teams_read_verified_sightings_only()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var field = await factory.CreateClientAs("field2");
        using var anonymous = factory.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, level: "public")).GetProperty("id").GetString();
        await anonymous.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting("tip-unchecked"));
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", Sighting("seen-by-staff"));

        var seenByField = await field.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var seenBySupervisor = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

        Assert.Equal(["seen-by-staff"], seenByField.GetProperty("sightings").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(2, seenBySupervisor.GetProperty("sightings").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"lat":-91,"lon":21.3,"seenAt":"2026-01-01T00:00:00Z","description":"x"}""", "lat")]
    [InlineData("""{"lat":42,"lon":21.3,"description":"x"}""", "seenAt")]
    [InlineData("""{"lat":42,"lon":21.3,"seenAt":"2026-01-01T00:00:00Z"}""", "description")]
    [InlineData("""{"lat":42,"lon":"east","seenAt":"2026-01-01T00:00:00Z","description":"x"}""", "lon")]
    public async Task Bad_sighting_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        using var client = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(client, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        var response = await client.PostAsync($"/api/cases/{id}/sightings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, Requests.ErrorFields(await Requests.Problem(response)));
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Empty(stored.GetProperty("sightings").EnumerateArray());
    }

    [Fact]
    public async Task Sighting_on_an_unknown_case_is_404()
    {
        using var client = await factory.CreateClientAs("operator");

        var response = await client.PostAsJsonAsync("/api/cases/c-missing/sightings", Sighting());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
