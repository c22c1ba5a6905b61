using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>GET /api/cases/{id}/replay: a case's zone, sightings and figures over time, for the control room only.</summary>
public sealed class CaseReplayEndpointTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task An_operator_replays_the_zone_re_centred_by_a_verified_sighting_with_the_alert_and_its_acknowledgement_over_time()
    {
        // Kumanovo: a subscriber inside the zone, alerted and acknowledging.
        await using var operatorHub = await factory.ConnectHubAsync((await factory.TokenFor("operator")).AccessToken);
        var stats = new AlertInbox(operatorHub, "dispatchStats");
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 42.1322, 21.7144, radiusKm: 5);
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Replay Ana", 42.1300, 21.7100, level: "public")).GetProperty("id").GetString()!;
        var alert = await inbox.WaitFor(AlertInbox.Is(id, "new"), "new");
        // Tiles tell the tally while the batch goes out: the acknowledgement comes after the count, as on a phone.
        await stats.WaitFor(m => m.GetProperty("caseId").GetString() == id && m.GetProperty("alerted").GetInt64() == 1, "dispatchStats with the alert");
        await hub.InvokeAsync("Acknowledge", id, alert.GetProperty("version").GetInt64());
        using var op = await factory.CreateClientAs("operator");
        var sighting = await op.PostAsJsonAsync($"/api/cases/{id}/sightings",
            new { id = "replay-s1", lat = 42.2000, lon = 21.8000, seenAt = DateTimeOffset.UtcNow.AddSeconds(-5), description = "by the station" });
        Assert.Equal(HttpStatusCode.Accepted, sighting.StatusCode);

        var replay = await op.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/replay");

        Assert.Equal("active", replay.GetProperty("status").GetString());
        var frames = replay.GetProperty("frames").EnumerateArray().ToList();
        var centres = (JsonElement frame) => frame.GetProperty("circles").EnumerateArray().Select(c => (c.GetProperty("lat").GetDouble(), c.GetProperty("lon").GetDouble())).ToList();
        Assert.Equal(replay.GetProperty("from").GetDateTimeOffset(), frames[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal([(42.1300, 21.7100)], centres(frames[0]));
        Assert.Equal([(42.1300, 21.7100), (42.2000, 21.8000)], centres(frames[^1]));
        Assert.Equal(replay.GetProperty("to").GetDateTimeOffset(), frames[^1].GetProperty("at").GetDateTimeOffset());
        Assert.True(frames[^1].GetProperty("circles")[0].GetProperty("radiusKm").GetDouble() > frames[0].GetProperty("circles")[0].GetProperty("radiusKm").GetDouble());

        var seen = Assert.Single(replay.GetProperty("sightings").EnumerateArray());
        Assert.Equal("replay-s1", seen.GetProperty("id").GetString());
        Assert.Equal("verified", seen.GetProperty("status").GetString());
        Assert.Equal(seen.GetProperty("reportedAt").GetDateTimeOffset(), seen.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.False(seen.TryGetProperty("description", out _));

        var counts = replay.GetProperty("counts").EnumerateArray().ToList();
        Assert.Equal(1, counts[^1].GetProperty("alerted").GetInt64());
        Assert.Equal(1, counts[^1].GetProperty("acknowledged").GetInt64());
        Assert.Equal(0, counts[0].GetProperty("acknowledged").GetInt64());
        Assert.Equal(["opened", "sighting-reported", "sighting-verified"],
            replay.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).Where(k => k.StartsWith("opened") || k.StartsWith("sighting")));
    }

    [Fact]
    public async Task A_resolved_case_replays_up_to_its_resolve()
    {
        using var op = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(op, "Replay Resolved", 41.61, 21.81)).GetProperty("id").GetString()!;
        (await op.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        var resolvedAt = (await op.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))!.Single(e => e.GetProperty("kind").GetString() == "resolved").GetProperty("at").GetDateTimeOffset();

        var response = await op.GetAsync($"/api/cases/{id}/replay");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replay = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", replay.GetProperty("status").GetString());
        Assert.Equal(resolvedAt, replay.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(resolvedAt, replay.GetProperty("frames").EnumerateArray().Last().GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Only_the_control_room_may_replay_a_case()
    {
        using var op = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(op, "Replay Private", 41.62, 21.82)).GetProperty("id").GetString()!;
        using var anonymous = factory.CreateClient();
        var (_, subscriberToken) = await Requests.Subscribe(anonymous, 41.62, 21.82);
        using var subscriber = factory.CreateClientWithToken(subscriberToken);
        using var field = await factory.CreateClientAs("field1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cases/{id}/replay")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await subscriber.GetAsync($"/api/cases/{id}/replay")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await field.GetAsync($"/api/cases/{id}/replay")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_case_has_no_replay()
    {
        using var op = await factory.CreateClientAs("operator");

        var response = await op.GetAsync("/api/cases/no-such-case/replay");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Requests.Problem(response);
    }
}
