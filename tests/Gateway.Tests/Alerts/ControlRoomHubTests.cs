using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>The operator-only hub messages of API.md, and that the public never gets them.</summary>
public sealed class ControlRoomHubTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Operators_see_cases_change_and_sightings_arrive_with_contacts()
    {
        await using var operatorHub = await factory.ConnectHubAsync((await factory.TokenFor("operator")).AccessToken);
        var updates = new AlertInbox(operatorHub, "caseUpdated");
        var sightings = new AlertInbox(operatorHub, "sightingReported");
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.0, 21.0);
        await using var publicHub = await factory.ConnectHubAsync(token);
        var publicUpdates = new AlertInbox(publicHub, "caseUpdated");
        var publicSightings = new AlertInbox(publicHub, "sightingReported");
        using var supervisor = await factory.CreateClientAs("supervisor");

        var id = (await Requests.OpenCase(supervisor, "Ana", 41.5, 21.8, level: "public")).GetProperty("id").GetString()!;
        var opened = await updates.WaitFor(m => m.GetProperty("id").GetString() == id, "caseUpdated for the new case");
        await anonymous.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            lat = 41.51, lon = 21.81, seenAt = DateTimeOffset.UtcNow, description = "by the river", reporterContact = "+389 71 111 222",
        });
        var reported = await sightings.WaitFor(m => m.GetProperty("caseId").GetString() == id, "sightingReported");

        Assert.Equal("active", opened.GetProperty("status").GetString());
        Assert.Equal("pending", reported.GetProperty("status").GetString());
        Assert.Equal("+389 71 111 222", reported.GetProperty("reporterContact").GetString());
        Assert.Empty(publicUpdates.Received);
        Assert.Empty(publicSightings.Received);
    }

    [Fact]
    public async Task Operators_see_field_teams_move_and_the_public_does_not()
    {
        await using var operatorHub = await factory.ConnectHubAsync((await factory.TokenFor("supervisor")).AccessToken);
        var moves = new AlertInbox(operatorHub, "fieldTeamMoved");
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.0, 21.0);
        await using var publicHub = await factory.ConnectHubAsync(token);
        var publicMoves = new AlertInbox(publicHub, "fieldTeamMoved");
        using var field = await factory.CreateClientAs("field2");

        await field.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.6001, lon = 21.9002 });
        var moved = await moves.WaitFor(m => m.GetProperty("subscriberId").GetString() == "field2" && m.GetProperty("lat").GetDouble() == 41.6001, "fieldTeamMoved");

        Assert.Equal(21.9002, moved.GetProperty("lon").GetDouble());
        Assert.True(moved.TryGetProperty("at", out _));
        Assert.Empty(publicMoves.Received);
    }

    [Fact]
    public async Task Dispatch_stats_reach_operators_with_deliveries_acknowledgements_and_latency()
    {
        await using var operatorHub = await factory.ConnectHubAsync((await factory.TokenFor("operator")).AccessToken);
        var stats = new AlertInbox(operatorHub, "dispatchStats");
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.3451, 21.5550, radiusKm: 5);
        await using var publicHub = await factory.ConnectHubAsync(token);
        var alerts = new AlertInbox(publicHub);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.3450, 21.5550, level: "public")).GetProperty("id").GetString()!;
        var alert = await alerts.WaitFor(AlertInbox.Is(id, "new"), "new");

        await publicHub.InvokeAsync("Acknowledge", id, alert.GetProperty("version").GetInt64());
        var acknowledged = await stats.WaitFor(
            m => m.GetProperty("caseId").GetString() == id && m.GetProperty("acknowledged").GetInt64() == 1 && m.GetProperty("delivered").GetInt64() >= 1,
            "dispatchStats with the acknowledgement");

        Assert.Equal(1, acknowledged.GetProperty("alerted").GetInt64());
        Assert.True(acknowledged.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(acknowledged.GetProperty("p99Ms").GetDouble() >= acknowledged.GetProperty("p50Ms").GetDouble());
    }

    [Fact]
    public async Task Delivered_counts_each_subscriber_once_however_many_updates_reach_it()
    {
        await using var operatorHub = await factory.ConnectHubAsync((await factory.TokenFor("operator")).AccessToken);
        var stats = new AlertInbox(operatorHub, "dispatchStats");
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.1231, 20.8016, radiusKm: 20);
        await using var publicHub = await factory.ConnectHubAsync(token);
        var alerts = new AlertInbox(publicHub);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.1231, 20.8016, level: "public")).GetProperty("id").GetString()!;
        await alerts.WaitFor(AlertInbox.Is(id, "new"), "new");

        await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new { lat = 41.15, lon = 20.85, seenAt = DateTimeOffset.UtcNow, description = "at the bus stop" });
        await alerts.WaitFor(AlertInbox.Is(id, "update"), "update after the verified sighting");
        await stats.WaitFor(m => m.GetProperty("caseId").GetString() == id && m.GetProperty("delivered").GetInt64() >= 1, "dispatchStats");
        // The update's delivery is recorded one-way; give it the time a stats tick takes.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var figures = (await supervisor.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{id}")).GetProperty("stats");

        Assert.Equal(1, figures.GetProperty("alerted").GetInt64());
        Assert.Equal(1, figures.GetProperty("delivered").GetInt64());
        Assert.True(figures.GetProperty("p99Ms").GetDouble() >= figures.GetProperty("p50Ms").GetDouble());
        Assert.All(stats.Received.Where(m => m.GetProperty("caseId").GetString() == id),
            m => Assert.True(m.GetProperty("delivered").GetInt64() <= m.GetProperty("alerted").GetInt64()));
    }
}
