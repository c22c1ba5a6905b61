using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Subscribers;

/// <summary><c>GET /api/field-teams</c>: where the teams are, for a control room that opens mid-shift.</summary>
public sealed class FieldTeamEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Operators_read_the_last_position_of_each_field_team_that_reported_one_and_when()
    {
        var before = DateTimeOffset.UtcNow;
        using var field = await factory.CreateClientAs("field3");
        (await field.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.7156, lon = 21.7756 })).EnsureSuccessStatusCode();
        (await field.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.7200, lon = 21.7800 })).EnsureSuccessStatusCode();
        using var operatorClient = await factory.CreateClientAs("operator");

        var teams = await operatorClient.GetFromJsonAsync<JsonElement[]>("/api/field-teams");

        var team = Assert.Single(teams!, t => t.GetProperty("subscriberId").GetString() == "field3");
        Assert.Equal(41.7200, team.GetProperty("lat").GetDouble());
        Assert.Equal(21.7800, team.GetProperty("lon").GetDouble());
        // When it reported itself there, so a team silent for hours is not drawn as if it were live.
        Assert.InRange(team.GetProperty("at").GetDateTimeOffset(), before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.DoesNotContain(teams!, t => t.GetProperty("subscriberId").GetString() == "field4");
    }
}
