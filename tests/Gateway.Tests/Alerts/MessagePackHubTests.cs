using System.Net.Http.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Alerts;

public sealed class MessagePackHubTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_MessagePack_client_gets_the_alert_in_the_same_shape_as_json()
    {
        // Prilep.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.3451, 21.5550, radiusKm: 3, language: "en");
        await using var hub = await factory.ConnectHubAsync(token, messagePack: true);
        var received = new TaskCompletionSource<Dictionary<object, object?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<Dictionary<object, object?>>("alert", message => received.TrySetResult(message));
        using var supervisor = await factory.CreateClientAs("supervisor");

        var id = (await Requests.OpenCase(supervisor, "Ana", 41.3450, 21.5560, level: "public")).GetProperty("id").GetString();
        var alert = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(id, alert["caseId"]);
        Assert.Equal("new", alert["kind"]);
        Assert.Equal("public", alert["level"]);
        Assert.Equal("en", alert["language"]);
        var child = Assert.IsType<Dictionary<object, object?>>(alert["child"]);
        Assert.Equal("Ana", child["name"]);
        var zone = Assert.IsType<Dictionary<object, object?>>(alert["zone"]);
        Assert.Equal("Polygon", zone["type"]);
    }

    [Fact]
    public async Task A_MessagePack_client_moving_into_a_zone_gets_its_new_and_its_acknowledgement_counts()
    {
        // Kavadarci; the subscriber starts ~30 km away and moves in over the hub.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.70, 22.00, radiusKm: 2);
        await using var hub = await factory.ConnectHubAsync(token, messagePack: true);
        var received = new TaskCompletionSource<Dictionary<object, object?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<Dictionary<object, object?>>("alert", message => received.TrySetResult(message));
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.4331, 22.0119, level: "public")).GetProperty("id").GetString()!;

        await hub.InvokeAsync("UpdateLocation", 41.4335, 22.0120);
        var alert = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await hub.InvokeAsync("Acknowledge", id, Convert.ToInt64(alert["version"], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("new", alert["kind"]);
        var stats = (await supervisor.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{id}")).GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("acknowledged").GetInt64());
    }
}
