using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>The hub's client methods refuse what the REST routes refuse, each with a HubException, and store nothing.</summary>
[Trait("Category", "Security")]
public sealed class HubArgumentTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Acknowledge_is_refused_for_a_malformed_id_a_bad_version_or_a_case_the_subscriber_was_not_alerted_for()
    {
        // Bitola: alerted for one public case; another, far away in Kičevo, never reached it.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.0310, 21.3347, radiusKm: 5);
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var alertedCase = (await Requests.OpenCase(supervisor, "Ana", 41.0300, 21.3300, level: "public")).GetProperty("id").GetString()!;
        var otherCase = (await Requests.OpenCase(supervisor, "Ana", 41.5128, 20.9586, level: "public")).GetProperty("id").GetString()!;
        var version = (await inbox.WaitFor(AlertInbox.Is(alertedCase, "new"), "new")).GetProperty("version").GetInt64();

        var refusals = new (string CaseId, long Version, string Says)[]
        {
            ("c-0190f1a2b3c4d5e6f708192a3b4c5d6e", 1, "no alert"),
            (otherCase, 1, "no alert"),
            (alertedCase, -1, "version"),
            (alertedCase, 0, "version"),
            (alertedCase, version + 1, "version"),
            (new string('c', 4000), 1, "caseId"),
            ("c- ", 1, "caseId"),
            ("", 1, "caseId"),
        };
        foreach (var (caseId, v, says) in refusals)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Acknowledge", caseId, v));
            Assert.Contains(says, error.Message, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var id in new[] { alertedCase, otherCase })
        {
            Assert.Equal(0, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("stats").GetProperty("acknowledged").GetInt64());
        }

        await hub.InvokeAsync("Acknowledge", alertedCase, version);
        Assert.Equal(1, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{alertedCase}")).GetProperty("stats").GetProperty("acknowledged").GetInt64());
    }

    [Theory]
    [InlineData(double.NaN, 21.0)]
    [InlineData(41.0, double.NaN)]
    [InlineData(double.PositiveInfinity, 21.0)]
    [InlineData(41.0, double.NegativeInfinity)]
    [InlineData(90.0001, 21.0)]
    [InlineData(41.0, -180.0001)]
    public async Task UpdateLocation_refuses_what_the_rest_route_refuses(double lat, double lon)
    {
        // MessagePack carries NaN and infinities; JSON cannot.
        var field = await factory.TokenFor("field2");
        await using var hub = await factory.ConnectHubAsync(field.AccessToken, messagePack: true);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("UpdateLocation", lat, lon));

        Assert.Contains("lat must be within", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }
}
