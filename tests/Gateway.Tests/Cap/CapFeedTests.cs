using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Cap;

/// <summary>The Atom feed over days, on a fake domain clock: a Cancel's retention, and a zone growing into Albania.</summary>
[Trait("Category", "Interop")]
public sealed class CapFeedTests : ConfiguredGatewayTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace CapNs = "urn:oasis:names:tc:emergency:cap:1.2";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder)
    {
        // The zone catches up with the fake clock within a second of each advance.
        builder.UseSetting("Cases:ZoneTickInterval", "00:00:01");
        builder.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>(Clock.Key, _clock));
    }

    [Fact]
    public async Task A_resolved_cases_cancel_stays_in_the_feed_naming_no_child_for_24_hours_then_goes()
    {
        using var supervisor = await CreateClientAs("supervisor");
        using var partner = App.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Biljana", 41.99, 21.43, level: "public")).GetProperty("id").GetString()!;
        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();

        var justResolved = await Entry(partner, id);
        _clock.Advance(TimeSpan.FromHours(23));
        var dayLater = await Entry(partner, id);
        _clock.Advance(TimeSpan.FromHours(1.5));
        var gone = await Entry(partner, id);

        Assert.NotNull(justResolved);
        Assert.DoesNotContain("Biljana", justResolved.ToString(), StringComparison.Ordinal);
        Assert.Equal(AlertWording.Headline(AlertKind.Cancel, AlertLanguage.English, null, null), justResolved.Element(Atom + "title")!.Value);
        Assert.NotNull(dayLater);
        Assert.Null(gone);
    }

    [Fact]
    public async Task A_resolved_cases_cancel_message_is_served_until_it_expires_then_is_a_404()
    {
        using var supervisor = await CreateClientAs("supervisor");
        using var partner = App.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Biljana", 41.99, 21.43, level: "public")).GetProperty("id").GetString()!;
        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();

        var justResolved = await partner.GetAsync($"/api/cap/{id}");
        var firstCancel = await justResolved.Content.ReadAsStringAsync();
        _clock.Advance(TimeSpan.FromHours(23));
        var dayLater = await partner.GetAsync($"/api/cap/{id}");
        var cancel = XDocument.Parse(await dayLater.Content.ReadAsStringAsync());
        _clock.Advance(TimeSpan.FromHours(1.5));
        var expired = await partner.GetAsync($"/api/cap/{id}");

        // Retention's erasing (the contacts at 7 days, everything at 30) changes the case, not its Cancel: it does not come back.
        var retention = App.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        var grain = App.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(id);
        _clock.Advance(retention.ReporterContact);
        await grain.ApplyRetention();
        var afterContactsPurge = await partner.GetAsync($"/api/cap/{id}");
        _clock.Advance(retention.ResolvedCase);
        await grain.ApplyRetention();
        var afterPurge = await partner.GetAsync($"/api/cap/{id}");

        Assert.Equal((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK), (justResolved.StatusCode, dayLater.StatusCode));
        Assert.Equal("Cancel", cancel.Descendants(CapNs + "msgType").Single().Value);

        // The same message all along, and it places nobody: no circle around where the child was seen.
        Assert.Equal(firstCancel, await dayLater.Content.ReadAsStringAsync());
        Assert.Empty(cancel.Descendants(CapNs + "circle"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("circle", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.NotFound), (afterContactsPurge.StatusCode, afterPurge.StatusCode));
    }

    [Fact]
    public async Task A_zone_growing_west_from_struga_into_albania_enters_the_AL_feed_and_the_timeline_once()
    {
        using var supervisor = await CreateClientAs("supervisor");
        using var partner = App.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Arbnora", 41.1780, 20.6783, level: "public")).GetProperty("id").GetString()!;
        var before = await Entry(partner, id, "AL");
        var home = await Entry(partner, id, "MK");

        // Walking: 1 km + 5 km/h; after 3 h the circle reaches across the border west of Struga.
        _clock.Advance(TimeSpan.FromHours(3));
        await Eventually(async () => await Entry(partner, id, "AL") is not null, "the case in the AL feed");
        _clock.Advance(TimeSpan.FromHours(1));
        await Eventually(async () => (await Zone(supervisor, id)).GetProperty("radiusKm").GetDouble() > 20, "the zone growing on");
        var timeline = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))!;
        var view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

        Assert.Null(before);
        Assert.NotNull(home);
        Assert.Null(await Entry(partner, id, "GR"));
        var crossed = timeline.Where(e => e.GetProperty("kind").GetString() == "border-crossed").ToList();
        Assert.Single(crossed, e => e.GetProperty("data").GetProperty("countries").GetString()!.Split(',').Contains("AL"));
        Assert.DoesNotContain(crossed, e => e.GetProperty("data").GetProperty("countries").GetString()!.Contains("MK", StringComparison.Ordinal));
        Assert.Equal(["MK", "AL"], view.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
    }

    private static async Task<JsonElement> Zone(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("zone");

    /// <summary>The case's entry in the feed (of one country when given), or null.</summary>
    private static async Task<XElement?> Entry(HttpClient partner, string id, string? country = null)
    {
        var feed = XDocument.Parse(await partner.GetStringAsync(country is null ? "/api/cap/alerts.atom" : $"/api/cap/alerts.atom?country={country}"));
        return feed.Descendants(Atom + "entry").SingleOrDefault(e =>
            e.Elements(Atom + "link").Any(l => l.Attribute("href")!.Value.EndsWith($"/api/cap/{id}", StringComparison.Ordinal)));
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
