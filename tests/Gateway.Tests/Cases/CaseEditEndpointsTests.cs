using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary><c>PATCH /api/cases/{id}</c>: corrections reach those already alerted; bad ones are refused whole, naming the field.</summary>
[Trait("Category", "Safeguarding")]
public sealed class CaseEditEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    // Points of their own (Mavrovo, Pelister, Kozjak, Galičica): no other test's zone reaches them.
    private static readonly (double Lat, double Lon) Mavrovo = (41.66, 20.74);
    private static readonly (double Lat, double Lon) Pelister = (41.00, 21.19);
    private static readonly (double Lat, double Lon) Kozjak = (41.53, 21.95);
    private static readonly (double Lat, double Lon) Galicica = (40.99, 20.86);

    [Fact]
    public async Task A_corrected_description_reaches_a_hub_subscriber_as_an_update_and_the_timeline_names_only_the_field()
    {
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, Mavrovo.Lat, Mavrovo.Lon, radiusKm: 5);
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", Mavrovo.Lat, Mavrovo.Lon, level: "public")).GetProperty("id").GetString()!;
        await inbox.WaitFor(AlertInbox.Is(id, "new"), "new");
        using var operatorClient = await factory.CreateClientAs("operator");

        var response = await Patch(operatorClient, id, new { child = new { description = "  Green raincoat, no backpack " } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, "Green raincoat, no backpack"), (edited.GetProperty("version").GetInt64(), edited.GetProperty("child").GetProperty("description").GetString()));
        var update = await inbox.WaitFor(AlertInbox.Is(id, "update"), "update");
        Assert.Equal((2, "Green raincoat, no backpack"), (update.GetProperty("version").GetInt64(), update.GetProperty("child").GetProperty("description").GetString()));

        var entry = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))![^1];
        Assert.Equal(("edited", "operator", "child.description"),
            (entry.GetProperty("kind").GetString(), entry.GetProperty("actor").GetString(), entry.GetProperty("data").GetProperty("fields").GetString()));
        Assert.DoesNotContain("raincoat", entry.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{ "child": { "age": 30 } }""", "child.age")]
    [InlineData("""{ "child": { "age": "nine" } }""", "child.age")]
    [InlineData("""{ "travelMode": "flying" }""", "travelMode")]
    [InlineData("""{ "category": "kidnapped" }""", "category")]
    [InlineData("""{ "child": { "name": "" } }""", "child.name")]
    [InlineData("""{ "child": { "description": "   " } }""", "child.description")]
    [InlineData("""{ "exercise": true }""", "exercise")]
    [InlineData("""{ "lastSeen": { "lat": 41.7 } }""", "lastSeen")]
    [InlineData("""{ "child": { "photoUrl": "/api/photos/p-0" } }""", "child.photoUrl")]
    [InlineData("""{ "child": { "description": "Blue coat", "age": 18 } }""", "child.age")]
    public async Task A_bad_or_uneditable_field_is_400_naming_it_and_nothing_of_the_edit_is_applied(string body, string field)
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(operatorClient, "Ana", Pelister.Lat, Pelister.Lon)).GetProperty("id").GetString()!;

        var response = await operatorClient.PatchAsync($"/api/cases/{id}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, Requests.ErrorFields(await Requests.Problem(response)));
        var stored = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal((1, "red jacket, blue backpack", false), (stored.GetProperty("version").GetInt64(), stored.GetProperty("child").GetProperty("description").GetString(), stored.GetProperty("exercise").GetBoolean()));
        Assert.DoesNotContain(await operatorClient.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline") ?? [], e => e.GetProperty("kind").GetString() == "edited");
    }

    [Fact]
    public async Task A_field_team_is_403_no_token_401_an_unknown_case_404_a_resolved_case_409_and_a_missing_body_400()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var field = await factory.CreateClientAs("field1");
        using var anonymous = factory.CreateClient();
        var id = (await Requests.OpenCase(operatorClient, "Ana", Kozjak.Lat, Kozjak.Lon)).GetProperty("id").GetString()!;
        var edit = new { child = new { age = 10 } };

        Assert.Equal(HttpStatusCode.Forbidden, (await Patch(field, id, edit)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Patch(anonymous, id, edit)).StatusCode);
        var unknown = await Patch(operatorClient, "c-" + Guid.NewGuid().ToString("N"), edit);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await Requests.Problem(unknown);
        var bodiless = await operatorClient.PatchAsync($"/api/cases/{id}", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bodiless.StatusCode);
        Assert.Equal(["body"], Requests.ErrorFields(await Requests.Problem(bodiless)));

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).StatusCode);
        var resolved = await Patch(operatorClient, id, edit);

        Assert.Equal(HttpStatusCode.Conflict, resolved.StatusCode);
        await Requests.Problem(resolved);
    }

    [Fact]
    public async Task An_empty_edit_changes_nothing_and_a_category_alone_is_stored_without_a_new_version()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", Galicica.Lat, Galicica.Lon)).GetProperty("id").GetString()!;

        var empty = await Patch(supervisor, id, new { });
        var same = await Patch(supervisor, id, new { child = new { name = "Ana", age = 9 }, travelMode = "walking" });
        var category = await Patch(supervisor, id, new { category = "runaway" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (empty.StatusCode, same.StatusCode, category.StatusCode));
        Assert.Equal(1, (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        Assert.Equal(1, (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        var categorised = await category.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, "runaway"), (categorised.GetProperty("version").GetInt64(), categorised.GetProperty("category").GetString()));
        var timeline = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))!;
        var edited = Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "edited");
        Assert.Equal(("category", "runaway"), (edited.GetProperty("data").GetProperty("fields").GetString(), edited.GetProperty("data").GetProperty("category").GetString()));
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, string id, object body) =>
        client.PatchAsJsonAsync($"/api/cases/{id}", body);
}
