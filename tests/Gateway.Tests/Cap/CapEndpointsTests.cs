using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cap;

public sealed class CapEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Public_case_goes_from_alert_to_update_to_cancel_each_valid_cap_1_2()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, level: "public")).GetProperty("id").GetString();

        var alert = await CapFor(partner, id!);
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new { lat = 42.0, lon = 21.3, seenAt = DateTimeOffset.UtcNow, description = "bus stop" });
        var update = await CapFor(partner, id!);
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var cancel = await CapFor(partner, id!);

        Assert.Equal("Alert", Text(alert, "msgType"));
        Assert.Equal(["mk", "sq", "en", "rom"], alert.Descendants(Cap + "language").Select(l => l.Value));
        Assert.Single(alert.Descendants(Cap + "info").First().Descendants(Cap + "circle"));
        Assert.Contains("Ana", alert.ToString(), StringComparison.Ordinal);

        Assert.Equal("Update", Text(update, "msgType"));
        Assert.Equal(2, update.Descendants(Cap + "info").First().Descendants(Cap + "circle").Count());
        Assert.StartsWith($"earlywarning,{Text(alert, "identifier")},", Text(update, "references"), StringComparison.Ordinal);

        Assert.Equal("Cancel", Text(cancel, "msgType"));
        Assert.DoesNotContain("Ana", cancel.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Interop")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_kind_has_a_romani_info_and_each_languages_short_and_long_forms_within_90_and_360_valid_cap_1_2(bool exercise)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        var name = string.Join(' ', Enumerable.Repeat("Džemailova-Šerifovska Čaušević", 4));
        var open = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name, age = 11, description = string.Join(' ', Enumerable.Repeat("lolo kapelo, kali jakna;", 40)) },
            lastSeen = new { lat = 41.3451, lon = 21.5550, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
            travelMode = "walking",
            level = "public",
            exercise,
        });
        var id = (await open.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;

        var alert = await CapFor(partner, id);
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new { lat = 41.35, lon = 21.56, seenAt = DateTimeOffset.UtcNow, description = "market" });
        var update = await CapFor(partner, id);
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var cancel = await CapFor(partner, id);

        foreach (var cap in new[] { alert, update, cancel })
        {
            Assert.Equal(["mk", "sq", "en", "rom"], cap.Descendants(Cap + "language").Select(l => l.Value));
            foreach (var info in cap.Descendants(Cap + "info"))
            {
                var shortText = Parameter(info, "CMAMtext");
                var description = info.Element(Cap + "description")!.Value;
                Assert.InRange(new System.Globalization.StringInfo(shortText).LengthInTextElements, 1, 90);
                Assert.InRange(new System.Globalization.StringInfo(description).LengthInTextElements, 1, 360);
                Assert.Equal(description, Parameter(info, "CMAMlongtext"));
            }
        }

        var romani = alert.Descendants(Cap + "info").Single(i => i.Element(Cap + "language")!.Value == "rom");
        Assert.Contains("Našardo čhavo: Džemailova-Šerifovska", Parameter(romani, "CMAMtext"), StringComparison.Ordinal);
        Assert.Contains("paše Prilep", romani.Element(Cap + "description")!.Value, StringComparison.Ordinal);
        Assert.Equal(exercise, Parameter(romani, "CMAMtext").StartsWith("VEŽBA: ", StringComparison.Ordinal));
        Assert.DoesNotContain("Džemailova", cancel.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Interop")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_kind_carries_expires_its_public_page_and_references_to_the_alert_valid_cap_1_2(bool exercise)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        var open = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Ana", age = 9, description = "red jacket" },
            lastSeen = new { lat = 41.99, lon = 21.43, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
            travelMode = "walking",
            level = "public",
            exercise,
        });
        var id = (await open.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;

        var alert = await CapFor(partner, id);
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new { lat = 42.0, lon = 21.3, seenAt = DateTimeOffset.UtcNow, description = "bus stop" });
        var update = await CapFor(partner, id);
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var cancel = await CapFor(partner, id);

        Assert.Equal(["Alert", "Update", "Cancel"], new[] { alert, update, cancel }.Select(c => Text(c, "msgType")));
        Assert.All(new[] { alert, update, cancel }, c => Assert.Equal(exercise ? "Exercise" : "Actual", Text(c, "status")));
        Assert.Null(alert.Root!.Element(Cap + "references"));
        var first = $"earlywarning,{Text(alert, "identifier")},{Text(alert, "sent")}";
        Assert.Equal(first, Text(update, "references"));
        Assert.Equal(first, Text(cancel, "references"));
        foreach (var (cap, lifetime) in new[] { (alert, TimeSpan.FromHours(6)), (update, TimeSpan.FromHours(6)), (cancel, TimeSpan.FromHours(24)) })
        {
            var sent = DateTimeOffset.Parse(Text(cap, "sent"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(cap.Descendants(Cap + "info"), info =>
            {
                Assert.Equal(sent + lifetime, DateTimeOffset.Parse(info.Element(Cap + "expires")!.Value, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal($"http://localhost/c/{id}", info.Element(Cap + "web")!.Value);
            });
        }
    }

    [Theory]
    [Trait("Category", "Interop")]
    [InlineData("ZZ")]
    [InlineData("")]
    [InlineData("MKD")]
    public async Task Feed_for_an_unknown_country_is_400_naming_country(string country)
    {
        using var partner = factory.CreateClient();

        var response = await partner.GetAsync($"/api/cap/alerts.atom?country={country}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["country"], Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task Cap_messages_and_the_feed_tell_caches_between_to_ask_again_each_time()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, level: "public")).GetProperty("id").GetString();

        // Twice each: the second answer comes from the gateway's output cache.
        foreach (var path in new[] { $"/api/cap/{id}", $"/api/cap/{id}", "/api/cap/alerts.atom", "/api/cap/alerts.atom", "/api/cap/c-unknown" })
        {
            using var response = await partner.GetAsync(path);
            Assert.True(response.Headers.CacheControl?.NoCache, $"{path} answered Cache-Control: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Internal_and_unknown_cases_have_no_cap_message()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var partner = factory.CreateClient();
        var id = (await Requests.OpenCase(operatorClient, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/cap/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/api/cap/c-unknown")).StatusCode);
    }

    [Fact]
    public async Task Atom_feed_lists_public_cases_with_links_to_their_cap_and_a_resolved_ones_cancel_naming_no_child()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        var publicId = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, level: "public")).GetProperty("id").GetString()!;
        var internalId = (await Requests.OpenCase(supervisor, "Marko", 41.99, 21.43)).GetProperty("id").GetString()!;
        var resolvedId = (await Requests.OpenCase(supervisor, "Elena", 41.99, 21.43, level: "public")).GetProperty("id").GetString()!;
        await supervisor.PostAsJsonAsync($"/api/cases/{resolvedId}/resolve", new { outcome = "found" });

        var response = await partner.GetAsync("/api/cap/alerts.atom");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var links = feed.Descendants(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value).ToList();
        Assert.Contains(links, l => l.EndsWith($"/api/cap/{publicId}", StringComparison.Ordinal));
        Assert.DoesNotContain(links, l => l.EndsWith(internalId, StringComparison.Ordinal));
        Assert.Contains(links, l => l.EndsWith($"/api/cap/{resolvedId}", StringComparison.Ordinal));
        Assert.DoesNotContain("Elena", feed.ToString(), StringComparison.Ordinal);
        Assert.Contains("Ana", feed.ToString(), StringComparison.Ordinal);
        Assert.NotNull(feed.Root!.Element(Atom + "updated"));
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task A_case_whose_zone_crosses_a_border_as_it_opens_is_still_an_Alert()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        // Struga, last seen 3 h ago on foot: the first zone already reaches Albania (border-crossed at opening).
        var id = (await Requests.OpenCase(supervisor, "Arbnora", 41.1780, 20.6783, level: "public", lastSeenAt: DateTimeOffset.UtcNow.AddHours(-3))).GetProperty("id").GetString()!;

        var cap = await CapFor(partner, id);
        var timeline = await supervisor.GetStringAsync($"/api/cases/{id}/timeline");

        Assert.Contains("border-crossed", timeline, StringComparison.Ordinal);
        Assert.Equal("Alert", Text(cap, "msgType"));
        Assert.Null(cap.Root!.Element(Cap + "references"));
    }

    /// <summary>The case's CAP message, checked against the OASIS schema.</summary>
    internal static async Task<XDocument> CapFor(HttpClient client, string caseId)
    {
        var response = await client.GetAsync($"/api/cap/{caseId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cap+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        CapSchema.AssertValid(document);
        return document;
    }

    private static string Parameter(XElement info, string valueName) =>
        info.Elements(Cap + "parameter").Single(p => p.Element(Cap + "valueName")!.Value == valueName).Element(Cap + "value")!.Value;

    private static string Text(XDocument cap, string element) => cap.Root!.Element(Cap + element)!.Value;
}
