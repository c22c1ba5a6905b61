using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The three pages in a real Chromium against a real gateway: an operator opens a case on the
/// control room, its zone appears there, and the alert is pushed to a phone on /public and to a
/// field team on /field, whose acknowledgement reaches the control room's figures.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PageTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    private static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    [Fact]
    public async Task A_case_opened_in_the_control_room_shows_its_zone_and_reaches_public_and_field_phones()
    {
        var phone = await gateway.NewPage(phone: true, position: (41.9950, 21.4300));
        await phone.GotoAsync("/public");
        await phone.SelectOptionAsync("#language", "en");
        await phone.ClickAsync("#locate");
        await phone.FillAsync("input[name=watchRadiusKm]", "10");
        await phone.ClickAsync("#subscribe-form button[type=submit]");
        await Expect(phone.Locator("#watching")).ToContainTextAsync("Watching 10 km around");

        var field = await gateway.NewPage(phone: true, position: (42.0010, 21.4100));
        await field.GotoAsync("/field");
        await field.FillAsync("input[name=username]", "field1");
        await field.FillAsync("input[name=password]", "field-demo");
        await field.ClickAsync("#login-form button[type=submit]");
        await field.ClickAsync("#gps");
        await Expect(field.Locator("#position")).ToContainTextAsync("42.0010, 21.4100");

        var control = await SignedInControlRoom();
        await OpenCase(control, "Elena Ramadani", Skopje, level: "public");

        await Expect(control.Locator("#cases li", new() { HasText = "Elena Ramadani" })).ToBeVisibleAsync();
        await Expect(control.Locator("#detail h2")).ToContainTextAsync("Elena Ramadani");
        await Expect(control.Locator("#map path.shape-zone")).ToHaveCountAsync(1);

        var publicAlert = phone.Locator(".alert[data-kind=new]", new() { HasText = "Elena Ramadani" });
        await Expect(publicAlert).ToBeVisibleAsync();
        await Expect(publicAlert).ToContainTextAsync("Missing child");
        await Expect(phone.Locator("#map path.shape-zone")).ToHaveCountAsync(1);

        var fieldAlert = field.Locator(".alert", new() { HasText = "Elena Ramadani" });
        await Expect(fieldAlert).ToBeVisibleAsync();
        await fieldAlert.Locator("button.ack").ClickAsync();
        await Expect(fieldAlert.Locator("button.ack")).ToHaveTextAsync("Acknowledged");
        await Expect(control.Locator("[data-figure=acknowledged]")).ToHaveTextAsync("1");
        await Expect(control.Locator("#map path.shape-team")).ToHaveCountAsync(1);

        await Screenshots.Save(control, "control-room.png");
        await Screenshots.Save(phone, "public.png");
        await Screenshots.Save(field, "field.png");
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task An_escalated_case_reaches_the_public_whose_sighting_is_verified_in_the_control_room_until_resolving_cancels_it()
    {
        var bitola = (Lat: 41.0297, Lon: 21.3292);
        var phone = await gateway.NewPage(phone: true, position: (41.0310, 21.3350));
        await phone.GotoAsync("/public");
        await phone.SelectOptionAsync("#language", "en");
        await phone.ClickAsync("#locate");
        await phone.ClickAsync("#subscribe-form button[type=submit]");
        await Expect(phone.Locator("#watching")).ToContainTextAsync("Watching 10 km around");
        var control = await SignedInControlRoom();
        await OpenCase(control, "Arben Memeti", bitola, level: "internal");
        await Expect(control.Locator("#detail h2")).ToContainTextAsync("Arben Memeti");

        await control.ClickAsync("#detail button:has-text('Escalate to public')");
        var alert = phone.Locator(".alert", new() { HasText = "Arben Memeti" });
        await Expect(alert).ToBeVisibleAsync();
        await alert.Locator("button.report").ClickAsync();
        await phone.FillAsync("#sighting-form [name=description]", "Near the old bazaar, heading north");
        await phone.FillAsync("#sighting-form [name=reporterContact]", "+389 70 123 456");
        await phone.ClickAsync("#sighting-form button[type=submit]");
        await Expect(phone.Locator("#sighting-form .done")).ToHaveTextAsync("Thank you. The police will check your report.");

        var pending = control.Locator(".sightings li.pending", new() { HasText = "Near the old bazaar" });
        await Expect(pending).ToContainTextAsync("+389 70 123 456");
        await pending.Locator("button:has-text('Verify')").ClickAsync();
        await Expect(control.Locator(".sightings li.verified", new() { HasText = "Near the old bazaar" })).ToBeVisibleAsync();
        await Expect(phone.Locator("body")).Not.ToContainTextAsync("+389 70 123 456");

        await control.SelectOptionAsync("#detail select[name=outcome]", "found");
        await control.ClickAsync("#detail button:has-text('Resolve')");
        await Expect(control.Locator("#cases li", new() { HasText = "Arben Memeti" })).ToHaveCountAsync(0);
        await Expect(phone.Locator(".alert[data-kind=cancel]")).ToContainTextAsync("This case is closed");
        await Expect(phone.Locator(".alert[data-kind=cancel]")).Not.ToContainTextAsync("Arben");
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task The_public_page_speaks_macedonian_albanian_english_and_romani_from_its_resource_files()
    {
        var phone = await gateway.NewPage(phone: true);
        await phone.GotoAsync("/public");

        await phone.SelectOptionAsync("#language", "mk");
        await Expect(phone.Locator("[data-text=subscribe]")).ToHaveTextAsync("Претплати се");
        await phone.SelectOptionAsync("#language", "sq");
        await Expect(phone.Locator("[data-text=subscribe]")).ToHaveTextAsync("Abonohu");
        await phone.SelectOptionAsync("#language", "rom");
        await Expect(phone.Locator("[data-text=subscribe]")).ToHaveTextAsync("Pretplatinpe");
        Assert.Equal("rom", await phone.GetAttributeAsync("html", "lang"));
        Assert.EndsWith("/build/public-rom.webmanifest", await phone.GetAttributeAsync("link[rel=manifest]", "href"), StringComparison.Ordinal);
        await phone.SelectOptionAsync("#language", "en");
        await Expect(phone.Locator("[data-text=subscribe]")).ToHaveTextAsync("Subscribe");
        Assert.Equal("en", await phone.GetAttributeAsync("html", "lang"));
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task Without_tiles_the_map_draws_the_bundled_outline_of_north_macedonia_and_its_towns()
    {
        var phone = await gateway.NewPage(phone: true);
        await phone.GotoAsync("/public");

        await Expect(phone.Locator(".map-status")).ToHaveTextAsync("offline map");
        await Expect(phone.Locator(".leaflet-tooltip.town-label", new() { HasText = "Skopje" })).ToBeVisibleAsync();
        Assert.True(await phone.Locator("path.shape-outline").CountAsync() >= 2);
    }

    [Fact]
    public async Task A_wrong_password_on_the_control_room_says_so_and_signs_nobody_in()
    {
        var control = await gateway.NewPage(phone: false);
        await control.GotoAsync("/");
        await control.FillAsync("input[name=username]", "operator");
        await control.FillAsync("input[name=password]", "not-the-password");
        await control.ClickAsync("#login-form button[type=submit]");

        await Expect(control.Locator("#login-form .problem")).ToBeVisibleAsync();
        await Expect(control.Locator("#app")).ToBeHiddenAsync();
    }

    private async Task<IPage> SignedInControlRoom()
    {
        var control = await gateway.NewPage(phone: false);
        await control.GotoAsync("/");
        await control.FillAsync("input[name=username]", "supervisor");
        await control.FillAsync("input[name=password]", "supervisor-demo");
        await control.ClickAsync("#login-form button[type=submit]");
        await Expect(control.Locator("#hub-status")).ToHaveTextAsync("live");
        return control;
    }

    private static async Task OpenCase(IPage control, string name, (double Lat, double Lon) lastSeen, string level)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        await control.ClickAsync("#new-case");
        await control.FillAsync("#open-form [name=name]", name);
        await control.FillAsync("#open-form [name=age]", "7");
        await control.FillAsync("#open-form [name=description]", "Yellow raincoat, pink backpack");
        await control.FillAsync("#open-form [name=lat]", lastSeen.Lat.ToString(invariant));
        await control.FillAsync("#open-form [name=lon]", lastSeen.Lon.ToString(invariant));
        await control.SelectOptionAsync("#open-form [name=level]", level);
        await control.ClickAsync("#open-form button[type=submit]");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
