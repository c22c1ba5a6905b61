using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>The control room's replay in Chromium: a case's zone, acknowledgement and sighting played back in the order they happened.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Interop")]
public sealed class ReplayPageTests(ReplayBrowserGateway gateway) : IClassFixture<ReplayBrowserGateway>
{
    [Fact]
    public async Task A_case_replayed_at_60x_grows_its_zone_and_shows_the_acknowledgement_then_the_verified_sighting_in_order()
    {
        // Kavadarci: six minutes of a case, on the domain clock — an alert acknowledged after one,
        // a verified sighting 2.4 km north-east after three.
        var lastSeen = (Lat: 41.4331, Lon: 22.0119);
        var phone = await gateway.SubscribedPhone((41.4335, 22.0125));
        var id = await gateway.OpenPublicCase("Marija Replayska", "Red jacket", lastSeen);
        var card = phone.Locator(".alert", new() { HasText = "Marija Replayska" });
        await Expect(card).ToBeVisibleAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(1));
        await card.Locator(".ack").ClickAsync();
        await Expect(card.Locator(".ack")).ToBeDisabledAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(2));
        using var op = await gateway.StaffClient("operator");
        var reported = await op.PostAsJsonAsync($"/api/cases/{id}/sightings",
            new { lat = 41.4500, lon = 22.0300, seenAt = gateway.Clock.GetUtcNow().AddSeconds(-20), description = "Outside the bakery" });
        Assert.Equal(HttpStatusCode.Accepted, reported.StatusCode);
        gateway.Clock.Advance(TimeSpan.FromMinutes(3));
        var replay = await op.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/replay");
        var from = replay.GetProperty("from").GetDateTimeOffset();
        var sightingAtMs = (replay.GetProperty("sightings")[0].GetProperty("reportedAt").GetDateTimeOffset() - from).TotalMilliseconds;
        var totalMs = (replay.GetProperty("to").GetDateTimeOffset() - from).TotalMilliseconds;

        var control = await gateway.SignedInControlRoom();
        await control.Locator("#cases li", new() { HasText = "Marija Replayska" }).ClickAsync();
        await control.ClickAsync("#detail .replay-open");
        var panel = control.Locator("#replay");
        await Expect(panel).ToHaveAttributeAsync("data-state", "paused");
        var start = await Snapshot(control);
        Assert.Equal((0, 1, 0, 0), (start.ElapsedMs, start.Circles, start.Sightings, start.Acknowledged));
        await control.SelectOptionAsync("#replay select", "60");
        await control.ClickAsync("#replay .row button");

        // Each snapshot is read at once, so what it shows must match its own replay clock.
        await Expect(panel).ToHaveAttributeAsync("data-acknowledged", "1", new() { Timeout = 60_000 });
        var acknowledged = await Snapshot(control);
        Assert.True(acknowledged.RadiusKm > start.RadiusKm, $"the zone grew: {start.RadiusKm} → {acknowledged.RadiusKm} km");
        Assert.Equal(acknowledged.ElapsedMs >= sightingAtMs ? 1 : 0, acknowledged.Sightings);

        await Expect(panel).ToHaveAttributeAsync("data-sightings", "1", new() { Timeout = 60_000 });
        var sighted = await Snapshot(control);
        Assert.True(sighted.ElapsedMs >= sightingAtMs && sighted.ElapsedMs >= acknowledged.ElapsedMs, $"sighting shown at +{sighted.ElapsedMs} ms, reported at +{sightingAtMs} ms");
        Assert.Equal(2, sighted.Circles);
        await Expect(control.Locator("#map path.shape-replaysighting")).ToHaveCountAsync(1);

        await Expect(panel).ToHaveAttributeAsync("data-state", "ended", new() { Timeout = 60_000 });
        var end = await Snapshot(control);
        Assert.Equal(totalMs, end.ElapsedMs, 0);
        Assert.True(end.RadiusKm > sighted.RadiusKm, $"the zone still grew: {sighted.RadiusKm} → {end.RadiusKm} km");
        Assert.Equal((2, 1, 1), (end.Circles, end.Sightings, end.Acknowledged));
        await Expect(control.Locator("#map path.shape-replayzone")).ToHaveCountAsync(2);

        await Screenshots.Save(control, "replay.png");
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task A_resolved_case_found_by_name_replays_and_its_typed_name_stays_text()
    {
        var (control, id) = await ResolvedCaseReplayed("Ana <b>Zzreplay</b>", "zzreplay", (41.1231, 20.8016));
        var row = control.Locator($"#resolved-section li[data-case-id='{id}']");
        await Expect(row).ToContainTextAsync("Ana <b>Zzreplay</b>");

        var panel = control.Locator("#replay");
        await Expect(panel.Locator("header")).ToContainTextAsync("Ana <b>Zzreplay</b>");
        await Expect(control.Locator("#resolved-section b, #replay header b")).ToHaveCountAsync(0);
        var start = await Snapshot(control);

        // Scrubbed to the end by hand: ten minutes later, the zone as it was at the resolve.
        await control.Locator("#replay input[type=range]").FillAsync("600000");
        await Expect(panel).ToHaveAttributeAsync("data-state", "ended");
        var end = await Snapshot(control);
        Assert.Equal(600_000, end.ElapsedMs, 0);
        // Within half a metre: rounding both to 3 places failed when they fell either side of a rounding edge (2.24653 against 2.24650).
        Assert.Equal(start.RadiusKm + (5.0 * 10 / 60), end.RadiusKm, 0.0005);
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task An_open_replay_and_the_resolved_cases_speak_albanian_as_soon_as_it_is_chosen()
    {
        var (control, id) = await ResolvedCaseReplayed("Drita Zzgjuha", "zzgjuha", (41.3275, 19.8187));
        var panel = control.Locator("#replay");
        await control.Locator("#replay input[type=range]").FillAsync("600000");
        await Expect(panel).ToHaveAttributeAsync("data-state", "ended");
        await Expect(panel.Locator(".row button")).ToHaveTextAsync("From the start");

        await control.SelectOptionAsync("#app select[data-language]", "sq");

        // Drawn again where it stood: still at the end, now in Albanian.
        await Expect(panel.Locator(".row button")).ToHaveTextAsync("Nga fillimi");
        await Expect(panel).ToHaveAttributeAsync("data-state", "ended");
        await Expect(panel.Locator("header")).ToContainTextAsync("Riprodhim · Drita Zzgjuha");
        await Expect(panel.Locator(".row label")).ToContainTextAsync("Shpejtësia");
        await Expect(panel.Locator("[data-replay-figure=alerted]")).ToContainTextAsync("njoftuar");
        await Expect(panel.Locator("[data-replay-figure=sightings]")).ToContainTextAsync("vëzhgime");
        await Expect(panel.Locator(".replay-latest")).ToContainTextAsync("E fundit: zgjidhur");
        await Expect(control.Locator("#resolved-section h2")).ToHaveTextAsync("Rishiko një rast të zgjidhur");
        await Expect(control.Locator("#resolved-section input[name=q]")).ToHaveAttributeAsync("placeholder", "Pjesë e emrit të fëmijës (bosh: të gjitha)");
        var row = control.Locator($"#resolved-section li[data-case-id='{id}']");
        await Expect(row.Locator(".replay-open")).ToHaveTextAsync("Riprodhim");
        await Expect(row).ToContainTextAsync("u gjet");
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    /// <summary>A public case resolved as found ten minutes (domain clock) after it opened, found by name in an operator's control room and its replay opened.</summary>
    private async Task<(IPage Control, string Id)> ResolvedCaseReplayed(string childName, string search, (double Lat, double Lon) lastSeen)
    {
        var id = await gateway.OpenPublicCase(childName, "Green scarf", lastSeen);
        using (var op = await gateway.StaffClient("operator"))
        {
            gateway.Clock.Advance(TimeSpan.FromMinutes(10));
            (await op.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        }

        var control = await gateway.SignedInControlRoom("operator");
        await control.FillAsync("#resolved-section input[name=q]", search);
        await control.ClickAsync("#resolved-section button[type=submit]");
        await control.Locator($"#resolved-section li[data-case-id='{id}'] .replay-open").ClickAsync();
        await Expect(control.Locator("#replay")).ToHaveAttributeAsync("data-state", "paused");
        return (control, id);
    }

    private sealed record ReplayState(double ElapsedMs, int Circles, int Sightings, int Acknowledged, double RadiusKm);

    private static async Task<ReplayState> Snapshot(IPage page)
    {
        var d = await page.EvaluateAsync<Dictionary<string, string>>("() => ({ ...document.querySelector('#replay').dataset })");
        var number = (string key) => double.Parse(d[key], System.Globalization.CultureInfo.InvariantCulture);
        return new ReplayState(number("elapsedMs"), (int)number("circles"), (int)number("sightings"), (int)number("acknowledged"), number("radiusKm"));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
