using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

public sealed class SightingReviewTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private async Task<(HttpClient Supervisor, string CaseId, string SightingId)> PendingSighting()
    {
        var supervisor = await factory.CreateClientAs("supervisor");
        var caseId = (await Requests.OpenCase(supervisor, "Ana", 41.7, 21.6, level: "public")).GetProperty("id").GetString()!;
        using var anonymous = factory.CreateClient();
        var response = await anonymous.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new
        {
            lat = 41.75, lon = 21.65, seenAt = DateTimeOffset.UtcNow, description = "near the school",
        });
        var sightingId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return (supervisor, caseId, sightingId);
    }

    [Fact]
    public async Task Verifying_a_pending_sighting_makes_it_an_anchor_of_the_zone()
    {
        var (supervisor, caseId, sightingId) = await PendingSighting();
        using var _ = supervisor;

        var response = await supervisor.PostAsync($"/api/cases/{caseId}/sightings/{sightingId}/verify", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var zone = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/zone");
        Assert.Contains(zone.GetProperty("properties").GetProperty("anchors").EnumerateArray(), a => a.GetProperty("lat").GetDouble() == 41.75);
    }

    [Fact]
    public async Task Rejected_sighting_cannot_then_be_verified_and_never_moves_the_zone()
    {
        var (supervisor, caseId, sightingId) = await PendingSighting();
        using var _ = supervisor;

        var rejected = await supervisor.PostAsync($"/api/cases/{caseId}/sightings/{sightingId}/reject", null);
        var rejectedAgain = await supervisor.PostAsync($"/api/cases/{caseId}/sightings/{sightingId}/reject", null);
        var verified = await supervisor.PostAsync($"/api/cases/{caseId}/sightings/{sightingId}/verify", null);

        Assert.Equal("rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, rejectedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, verified.StatusCode);
        await Requests.Problem(verified);
        var zone = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/zone");
        Assert.Equal(1, zone.GetProperty("properties").GetProperty("anchors").GetArrayLength());
        var timeline = await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{caseId}/timeline");
        Assert.Contains(timeline!, e => e.GetProperty("kind").GetString() == "sighting-rejected" && e.GetProperty("actor").GetString() == "supervisor");
    }

    [Fact]
    public async Task Unknown_sighting_is_404_and_a_field_team_may_not_review()
    {
        var (supervisor, caseId, sightingId) = await PendingSighting();
        using var _ = supervisor;
        using var field = await factory.CreateClientAs("field1");

        var unknown = await supervisor.PostAsync($"/api/cases/{caseId}/sightings/s-nope/verify", null);
        var byField = await field.PostAsync($"/api/cases/{caseId}/sightings/{sightingId}/verify", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byField.StatusCode);
    }
}
