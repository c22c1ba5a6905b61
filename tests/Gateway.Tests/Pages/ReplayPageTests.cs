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
        var id = await gateway.OpenPublicCase("Ana <b>Zzreplay</b>", "Green scarf", (41.1231, 20.8016));
        using (var op = await gateway.StaffClient("operator"))
        {
            gateway.Clock.Advance(TimeSpan.FromMinutes(10));
            (await op.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        }

        var control = await gateway.SignedInControlRoom("operator");
        await control.FillAsync("#resolved-section input[name=q]", "zzreplay");
        await control.ClickAsync("#resolved-section button[type=submit]");
        var row = control.Locator($"#resolved-section li[data-case-id='{id}']");
        await Expect(row).ToContainTextAsync("Ana <b>Zzreplay</b>");
        await row.Locator(".replay-open").ClickAsync();

        var panel = control.Locator("#replay");
        await Expect(panel).ToHaveAttributeAsync("data-state", "paused");
        await Expect(panel.Locator("header")).ToContainTextAsync("Ana <b>Zzreplay</b>");
        await Expect(control.Locator("#resolved-section b, #replay header b")).ToHaveCountAsync(0);
        var start = await Snapshot(control);

        // Scrubbed to the end by hand: ten minutes later, the zone as it was at the resolve.
        await control.Locator("#replay input[type=range]").FillAsync("600000");
        await Expect(panel).ToHaveAttributeAsync("data-state", "ended");
        var end = await Snapshot(control);
        Assert.Equal(600_000, end.ElapsedMs, 0);
        Assert.Equal(start.RadiusKm + (5.0 * 10 / 60), end.RadiusKm, 3);
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
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
