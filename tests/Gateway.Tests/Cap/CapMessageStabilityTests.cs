using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using EarlyWarning.Gateway.Cap;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Cap;

/// <summary>
/// A CAP message changes only when what partners see does: its identifier, <c>sent</c> and
/// <c>msgType</c> stay through a tip, a rejected sighting and a new category, and a change they
/// see is an Update of its own version and time. A cell-broadcast gateway may broadcast every new
/// message it gets: a tip from the public must not make one.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CapMessageStabilityTests : ConfiguredGatewayTests
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly (double Lat, double Lon) Bitola = (41.0297, 21.3292);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder)
    {
        // Nothing grows the zone behind the test's back: growth is a change partners see.
        builder.UseSetting("Cases:ZoneTickInterval", "01:00:00");
        builder.UseSetting("Cases:WakeUpPeriod", "01:00:00");
        builder.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>(Clock.Key, _clock));
    }

    [Fact]
    public async Task A_tip_a_rejection_and_a_category_leave_the_message_as_it_was_and_an_edit_the_public_sees_is_an_update_of_its_own()
    {
        using var supervisor = await CreateClientAs("supervisor");
        using var anonymous = App.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Elena", Bitola.Lat, Bitola.Lon, level: "public")).GetProperty("id").GetString()!;
        var alert = await Message(anonymous, id);
        Assert.Equal("Alert", Field(alert, "msgType"));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var tip = await anonymous.PostAsJsonAsync($"/api/cases/{id}/sightings",
            new { lat = Bitola.Lat, lon = Bitola.Lon + 0.01, seenAt = _clock.GetUtcNow(), description = "A girl in a red jacket at the bus station" });
        Assert.Equal(HttpStatusCode.Accepted, tip.StatusCode);
        var sightingId = (await tip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings/{sightingId}/reject", new { reason = "Another child" })).EnsureSuccessStatusCode();
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await supervisor.PatchAsJsonAsync($"/api/cases/{id}", new { category = "runaway" })).EnsureSuccessStatusCode();

        var unchanged = await Message(anonymous, id);
        Assert.Equal(
            (Field(alert, "identifier"), Field(alert, "sent"), Field(alert, "msgType")),
            (Field(unchanged, "identifier"), Field(unchanged, "sent"), Field(unchanged, "msgType")));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var edited = await supervisor.PatchAsJsonAsync($"/api/cases/{id}", new { child = new { description = "Red jacket, blue school bag, short hair" } });
        edited.EnsureSuccessStatusCode();
        var version = (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

        var update = await Message(anonymous, id);
        Assert.Equal("Update", Field(update, "msgType"));
        Assert.Equal($"{Field(alert, "identifier")}:v{version}", Field(update, "identifier"));
        Assert.Equal(CapMessage.CapTime(_clock.GetUtcNow()), Field(update, "sent"));
    }

    [Fact]
    public async Task Two_renders_of_one_version_are_the_same_bytes_while_the_zone_grows_between_them()
    {
        using var supervisor = await CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Marko", Bitola.Lat + 0.05, Bitola.Lon, level: "public")).GetProperty("id").GetString()!;
        var first = await Rendered(id);

        // Twenty minutes on foot grow the zone by a kilometre or more; no push went out meanwhile.
        _clock.Advance(TimeSpan.FromMinutes(20));
        var later = await Rendered(id);

        Assert.Equal(first, later);
        Assert.Contains("<circle>", first, StringComparison.Ordinal);
    }

    /// <summary>The message as the feed and the partner webhooks render it (the feed's output cache bypassed).</summary>
    private async Task<string> Rendered(string id)
    {
        var services = App.Services;
        var rendered = await CapRendering.Current(
            id,
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<EarlyWarning.Gateway.Photos.IPhotoStore>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CapOptions>>().Value,
            "https://earlywarning.example/",
            "https://earlywarning.example/");
        return rendered!.Message.ToString();
    }

    private static async Task<XDocument> Message(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/cap/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Field(XDocument message, string name) => (string)message.Root!.Element(Cap + name)!;
}
