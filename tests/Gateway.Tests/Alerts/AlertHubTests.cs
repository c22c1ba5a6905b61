using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>End to end: REST in, SignalR out, through the co-hosted silo.</summary>
public sealed class AlertHubTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Subscriber_inside_a_new_public_zone_gets_new_then_update_after_a_sighting_toward_it()
    {
        // Ohrid: far from every other test's positions.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.1231, 20.8016, radiusKm: 3, language: "sq");
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var supervisor = await factory.CreateClientAs("supervisor");

        var id = (await Requests.OpenCase(supervisor, "Ana", 41.1100, 20.8000, level: "public")).GetProperty("id").GetString()!;
        var first = await inbox.WaitFor(AlertInbox.Is(id, "new"), "new");
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            lat = 41.1200, lon = 20.8010, seenAt = DateTimeOffset.UtcNow, description = "walking north",
        });
        var update = await inbox.WaitFor(AlertInbox.Is(id, "update"), "update");

        Assert.Equal(
            ["caseId", "version", "kind", "level", "issuedAt", "headline", "text", "language", "child", "zone", "distanceKm"],
            first.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("public", first.GetProperty("level").GetString());
        Assert.Equal("sq", first.GetProperty("language").GetString());
        Assert.Contains("Ana", first.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ana", first.GetProperty("child").GetProperty("name").GetString());
        Assert.Equal("Polygon", first.GetProperty("zone").GetProperty("type").GetString());
        Assert.True(update.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64());
        Assert.True(update.GetProperty("distanceKm").GetDouble() < first.GetProperty("distanceKm").GetDouble());
        Assert.Single(inbox.Received, m => m.GetProperty("kind").GetString() == "new");
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task A_romani_subscriber_gets_the_alert_in_romani_its_text_the_long_form()
    {
        // Debar: far from every other test's positions, and from the towns an alert names.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.5244, 20.5272, radiusKm: 3, language: "rom");
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var supervisor = await factory.CreateClientAs("supervisor");

        var id = (await Requests.OpenCase(supervisor, "Šukrija Čerimovska", 41.5240, 20.5270, level: "public")).GetProperty("id").GetString()!;
        var alert = await inbox.WaitFor(AlertInbox.Is(id, "new"), "new");

        Assert.Equal("rom", alert.GetProperty("language").GetString());
        Assert.Equal("Našardo čhavo: Šukrija Čerimovska (9)", alert.GetProperty("headline").GetString());
        var text = alert.GetProperty("text").GetString()!;
        Assert.StartsWith("Našardo čhavo: Šukrija Čerimovska, 9 berš. red jacket, blue backpack.", text, StringComparison.Ordinal);
        Assert.EndsWith("akharen 192 ili phenen ani aplikacija.", text, StringComparison.Ordinal);
        Assert.InRange(DisplayText.Length(text), 1, AlertForms.LongMaxLength);
    }

    [Fact]
    public async Task Field_team_gets_internal_alerts_after_reporting_its_position_over_the_hub()
    {
        // Bitola.
        var field = await factory.TokenFor("field5");
        await using var hub = await factory.ConnectHubAsync(field.AccessToken);
        var inbox = new AlertInbox(hub);
        await hub.InvokeAsync("UpdateLocation", 41.0310, 21.3347);
        using var operatorClient = await factory.CreateClientAs("operator");

        var id = (await Requests.OpenCase(operatorClient, "Marko", 41.0300, 21.3300)).GetProperty("id").GetString()!;
        var alert = await inbox.WaitFor(AlertInbox.Is(id, "new"), "new");

        Assert.Equal("internal", alert.GetProperty("level").GetString());
        Assert.Equal(0, alert.GetProperty("distanceKm").GetDouble());
    }

    [Fact]
    public async Task Public_subscriber_gets_nothing_for_an_internal_case_while_a_field_team_beside_it_does()
    {
        // Štip.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.7458, 22.1958, radiusKm: 5);
        await using var publicHub = await factory.ConnectHubAsync(token);
        var publicInbox = new AlertInbox(publicHub);
        using var field = await factory.CreateClientAs("field3");
        await field.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.7460, lon = 22.1960 });
        await using var fieldHub = await factory.ConnectHubAsync((await factory.TokenFor("field3")).AccessToken);
        var fieldInbox = new AlertInbox(fieldHub);
        using var operatorClient = await factory.CreateClientAs("operator");

        var id = (await Requests.OpenCase(operatorClient, "Ana", 41.7450, 22.1950)).GetProperty("id").GetString()!;
        await fieldInbox.WaitFor(AlertInbox.Is(id, "new"), "new for the field team");

        // Both sit in the same tile, so one region batch decided both; the field alert arriving means the public one was not sent.
        var stats = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("alerted").GetInt64());
        Assert.DoesNotContain(publicInbox.Received, m => m.GetProperty("caseId").GetString() == id);
    }

    [Fact]
    public async Task Acknowledgement_is_counted_once_in_the_case_stats()
    {
        // Kumanovo.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 42.1322, 21.7144, radiusKm: 5);
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 42.1300, 21.7100, level: "public")).GetProperty("id").GetString()!;
        var alert = await inbox.WaitFor(AlertInbox.Is(id, "new"), "new");

        await hub.InvokeAsync("Acknowledge", id, alert.GetProperty("version").GetInt64());
        await hub.InvokeAsync("Acknowledge", id, alert.GetProperty("version").GetInt64());

        var stats = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("acknowledged").GetInt64());
        Assert.Equal(1, stats.GetProperty("alerted").GetInt64());
    }

    [Fact]
    public async Task Resolving_a_case_sends_one_cancel_that_carries_no_child_and_no_position()
    {
        // Gevgelija.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.1392, 22.5025, radiusKm: 5, language: "mk");
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.1400, 22.5000, level: "public")).GetProperty("id").GetString()!;
        await inbox.WaitFor(AlertInbox.Is(id, "new"), "new");

        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var cancel = await inbox.WaitFor(AlertInbox.Is(id, "cancel"), "cancel");

        Assert.False(cancel.TryGetProperty("child", out _));
        Assert.DoesNotContain("Ana", cancel.GetRawText(), StringComparison.Ordinal);
        // A zone still (API.md), but an empty one: its circles were centred where the child was seen.
        Assert.Equal("MultiPolygon", cancel.GetProperty("zone").GetProperty("type").GetString());
        Assert.Equal(0, cancel.GetProperty("zone").GetProperty("coordinates").GetArrayLength());
        Assert.Single(inbox.Received, m => m.GetProperty("kind").GetString() == "cancel");
    }

    [Fact]
    public async Task Hub_location_outside_the_globe_is_refused()
    {
        var field = await factory.TokenFor("field1");
        await using var hub = await factory.ConnectHubAsync(field.AccessToken);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("UpdateLocation", 123.0, 21.0));

        Assert.Contains("lat", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UpdateLocation", 41.99, 21.43)]
    [InlineData("Acknowledge", "case-1", 1L)]
    public async Task Hub_refuses_receiver_methods_to_the_control_room(string method, object first, object second)
    {
        var operatorToken = await factory.TokenFor("operator");
        await using var hub = await factory.ConnectHubAsync(operatorToken.AccessToken);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(method, first, second));

        Assert.Contains("unauthorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_refuses_a_connection_without_a_token()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/alerts"), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            })
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        await connection.DisposeAsync();
    }
}
