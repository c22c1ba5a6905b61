using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using EarlyWarning.Gateway.Tests.Cap;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>
/// Exercises (drills): marked on every alert, view and CAP message, and sent only to those who
/// opted in to exercises; an ordinary subscriber next to them never hears of one.
/// </summary>
public sealed class ExerciseTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    // Kratovo and Kriva Palanka: far from each other and from every other test's positions.
    private static readonly (double Lat, double Lon) Kratovo = (42.0783, 22.1750);
    private static readonly (double Lat, double Lon) KrivaPalanka = (42.2019, 22.3317);
    private static readonly (double Lat, double Lon) Delchevo = (41.9672, 22.7697);
    private static readonly (double Lat, double Lon) Berovo = (41.7031, 22.8553);
    private static readonly (double Lat, double Lon) Gevgelija = (41.1392, 22.5025);

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task Only_the_subscriber_opted_in_to_exercises_gets_the_exercise_never_the_ordinary_one_next_to_it()
    {
        using var anonymous = factory.CreateClient();
        var (_, ordinaryToken) = await Requests.Subscribe(anonymous, Kratovo.Lat, Kratovo.Lon, radiusKm: 5, language: "mk");
        var (_, drilledToken) = await Subscribe(anonymous, Kratovo.Lat + 0.001, Kratovo.Lon, "mk", exercises: true);
        await using var ordinaryHub = await factory.ConnectHubAsync(ordinaryToken);
        await using var drilledHub = await factory.ConnectHubAsync(drilledToken);
        var ordinary = new AlertInbox(ordinaryHub);
        var drilled = new AlertInbox(drilledHub);
        using var supervisor = await factory.CreateClientAs("supervisor");

        var opened = await Requests.OpenExercise(supervisor, "Vesna", Kratovo.Lat + 0.002, Kratovo.Lon + 0.002);
        var id = opened.GetProperty("id").GetString()!;
        var first = await drilled.WaitFor(AlertInbox.Is(id, "new"), "the exercise's new");
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            lat = Kratovo.Lat + 0.004, lon = Kratovo.Lon, seenAt = DateTimeOffset.UtcNow, description = "walking north",
        });
        var update = await drilled.WaitFor(AlertInbox.Is(id, "update"), "the exercise's update");

        // A real case after it, from the same tile: once the ordinary subscriber has that one, the
        // exercise's earlier batches would have reached it too, had they named it.
        var real = (await Requests.OpenCase(supervisor, "Goran", Kratovo.Lat, Kratovo.Lon, level: "public")).GetProperty("id").GetString()!;
        var realAlert = await ordinary.WaitFor(AlertInbox.Is(real, "new"), "the real case's new");
        using var ordinaryClient = factory.CreateClientWithToken(ordinaryToken);
        using var drilledClient = factory.CreateClientWithToken(drilledToken);
        var ordinaryHeld = await ordinaryClient.GetFromJsonAsync<JsonElement[]>("/api/subscribers/me/alerts");
        var drilledHeld = await drilledClient.GetFromJsonAsync<JsonElement[]>("/api/subscribers/me/alerts");

        Assert.True(opened.GetProperty("exercise").GetBoolean());
        Assert.DoesNotContain(ordinary.Received, m => m.GetProperty("caseId").GetString() == id);
        Assert.DoesNotContain(ordinaryHeld!, a => a.GetProperty("caseId").GetString() == id);
        Assert.Contains(ordinaryHeld!, a => a.GetProperty("caseId").GetString() == real);
        Assert.True(first.GetProperty("exercise").GetBoolean());
        Assert.True(update.GetProperty("exercise").GetBoolean());
        Assert.StartsWith("ВЕЖБА", first.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ВЕЖБА", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ВЕЖБА", update.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var caughtUp = Assert.Single(drilledHeld!, a => a.GetProperty("caseId").GetString() == id);
        Assert.True(caughtUp.GetProperty("exercise").GetBoolean());
        Assert.StartsWith("ВЕЖБА", caughtUp.GetProperty("headline").GetString(), StringComparison.Ordinal);

        // A real alert keeps its shape and words: no exercise field, no mark.
        Assert.False(realAlert.TryGetProperty("exercise", out _));
        Assert.DoesNotContain("ВЕЖБА", realAlert.GetProperty("headline").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task Moving_into_an_exercise_zone_alerts_only_the_latecomer_opted_in_to_exercises()
    {
        using var anonymous = factory.CreateClient();
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenExercise(supervisor, "Sara", Berovo.Lat, Berovo.Lon)).GetProperty("id").GetString()!;
        // Both subscribe far away, then move into the zone over the hub: the tile checks latecomers.
        var (_, ordinaryToken) = await Requests.Subscribe(anonymous, Gevgelija.Lat, Gevgelija.Lon, radiusKm: 5, language: "en");
        var (_, drilledToken) = await Subscribe(anonymous, Gevgelija.Lat, Gevgelija.Lon, "en", exercises: true);
        await using var ordinaryHub = await factory.ConnectHubAsync(ordinaryToken);
        await using var drilledHub = await factory.ConnectHubAsync(drilledToken);
        var ordinary = new AlertInbox(ordinaryHub);
        var drilled = new AlertInbox(drilledHub);

        await ordinaryHub.InvokeAsync("UpdateLocation", Berovo.Lat + 0.001, Berovo.Lon);
        await drilledHub.InvokeAsync("UpdateLocation", Berovo.Lat + 0.001, Berovo.Lon);
        var drill = await drilled.WaitFor(AlertInbox.Is(id, "new"), "the exercise's new on moving in");
        var real = (await Requests.OpenCase(supervisor, "Luka", Berovo.Lat, Berovo.Lon, level: "public")).GetProperty("id").GetString()!;
        await ordinary.WaitFor(AlertInbox.Is(real, "new"), "the real case's new");

        Assert.StartsWith("EXERCISE", drill.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ordinary.Received, m => m.GetProperty("caseId").GetString() == id);
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task An_exercise_is_marked_in_the_case_the_case_list_and_its_CAP_message_has_status_Exercise()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenExercise(supervisor, "Ilina", KrivaPalanka.Lat, KrivaPalanka.Lon)).GetProperty("id").GetString()!;
        var ordinaryId = (await Requests.OpenCase(supervisor, "Petar", KrivaPalanka.Lat, KrivaPalanka.Lon, level: "public")).GetProperty("id").GetString()!;
        using var partner = factory.CreateClient();

        var view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var ordinaryView = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{ordinaryId}");
        var list = await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases");
        var cap = await CapEndpointsTests.CapFor(partner, id);
        var ordinaryCap = await CapEndpointsTests.CapFor(partner, ordinaryId);

        Assert.True(view.GetProperty("exercise").GetBoolean());
        Assert.False(ordinaryView.GetProperty("exercise").GetBoolean());
        Assert.True(Assert.Single(list!, c => c.GetProperty("id").GetString() == id).GetProperty("exercise").GetBoolean());
        Assert.False(Assert.Single(list!, c => c.GetProperty("id").GetString() == ordinaryId).GetProperty("exercise").GetBoolean());
        Assert.Equal("Exercise", cap.Root!.Element(Cap + "status")!.Value);
        Assert.Equal("Actual", ordinaryCap.Root!.Element(Cap + "status")!.Value);
        var headlines = cap.Descendants(Cap + "info").ToDictionary(i => i.Element(Cap + "language")!.Value, i => i.Element(Cap + "headline")!.Value);
        Assert.StartsWith("ВЕЖБА", headlines["mk"], StringComparison.Ordinal);
        Assert.StartsWith("USHTRIM", headlines["sq"], StringComparison.Ordinal);
        Assert.StartsWith("EXERCISE", headlines["en"], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task A_field_team_is_opted_in_to_exercises_by_default_and_its_alert_is_marked()
    {
        var field = await factory.TokenFor("field4");
        await using var hub = await factory.ConnectHubAsync(field.AccessToken);
        var inbox = new AlertInbox(hub);
        await hub.InvokeAsync("UpdateLocation", Delchevo.Lat, Delchevo.Lon);
        using var operatorClient = await factory.CreateClientAs("operator");
        var body = JsonSerializer.SerializeToNode(Requests.NewCase("Mila", Delchevo.Lat, Delchevo.Lon))!.AsObject();
        body["exercise"] = true;

        var response = await operatorClient.PostAsJsonAsync("/api/cases", body);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var alert = await inbox.WaitFor(AlertInbox.Is(id, "new"), "the exercise's new");

        Assert.Equal("internal", alert.GetProperty("level").GetString());
        Assert.True(alert.GetProperty("exercise").GetBoolean());
        Assert.StartsWith("ВЕЖБА", alert.GetProperty("headline").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task An_exercise_flag_that_is_not_a_boolean_is_refused_with_problem_details_and_opens_nothing()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var before = await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases");
        var body = JsonSerializer.SerializeToNode(Requests.NewCase("Nobody", KrivaPalanka.Lat, KrivaPalanka.Lon))!.AsObject();
        body["exercise"] = "yes";

        var response = await supervisor.PostAsJsonAsync("/api/cases", body);
        var after = await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Requests.Problem(response);
        Assert.Equal(before!.Length, after!.Length);
    }

    private static async Task<(string Id, string Token)> Subscribe(HttpClient client, double lat, double lon, string language, bool exercises)
    {
        var response = await client.PostAsJsonAsync("/api/subscribers", new { lat, lon, watchRadiusKm = 5, language, exercises });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }
}
