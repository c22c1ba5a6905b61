using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Gateway.Tests.Photos;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A case's own page in Chromium: reached from the alert card on /public, it shows the child, the
/// photo and the zone; "I saw this child" sends a pending tip the control room then lists; once
/// resolved the page says the child was found and no longer shows the child.
/// </summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Interop")]
public sealed class CasePageBrowserTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task The_case_page_shows_the_child_and_zone_sends_a_pending_tip_to_the_control_room_and_after_resolve_shows_no_child()
    {
        var resen = (Lat: 41.0893, Lon: 21.0109);
        var phone = await gateway.SubscribedPhone((41.0900, 21.0120));
        var caseId = await gateway.OpenPublicCase("Jovana Trajkovska", "Blue raincoat, red wellies", resen);
        await AddPhoto(caseId);
        var card = phone.Locator(".alert", new() { HasText = "Jovana Trajkovska" });
        await Expect(card.Locator("img")).ToBeVisibleAsync();

        // The alert card links to the case's own page, in the language the phone reads.
        await card.Locator("a.appeal-link").ClickAsync();
        // A polled URL, not WaitForURLAsync: once the URL matches, that one waits for a "load"
        // event, and its client checks for it before it listens (a gap a loaded CI machine hit once).
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex($"/c/{Regex.Escape(caseId)}\\?lang=en$"));
        await Expect(phone.Locator("#child-name")).ToHaveTextAsync("Jovana Trajkovska");
        await Expect(phone.Locator("#child-description")).ToHaveTextAsync("Blue raincoat, red wellies");
        // Resen is no town of the gazetteer: the nearest one is named, with the distance.
        await Expect(phone.Locator("#last-seen")).ToContainTextAsync("km from Ohrid");
        await Expect(phone.Locator("#map path.shape-zone")).ToHaveCountAsync(1);
        Assert.Equal(640, await phone.Locator("#child-photo").EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)"));
        await Expect(phone.Locator("a[href='tel:192']")).ToBeVisibleAsync();
        await Expect(phone.Locator("a[href='tel:116000']")).ToBeVisibleAsync();

        await Screenshots.Save(phone, "case-page.png");

        // Beside the zone rather than on it, so the picture shows both.
        await phone.Locator("#map").ClickAsync(new() { Position = new() { X = 120, Y = 110 } });
        await Expect(phone.Locator("#map path.shape-sighting")).ToHaveCountAsync(1);
        await phone.FillAsync("#sighting-form [name=description]", "By the lake shore, walking towards the park");
        await phone.ClickAsync("#sighting-form button[type=submit]");
        await Expect(phone.Locator("#sighting-form .done")).ToHaveTextAsync("Thank you. The police will check your report.");

        var control = await gateway.SignedInControlRoom();
        await control.Locator("#cases li", new() { HasText = "Jovana Trajkovska" }).ClickAsync();
        await Expect(control.Locator(".sightings li.pending", new() { HasText = "By the lake shore" })).ToBeVisibleAsync();

        await control.SelectOptionAsync("#detail select[name=outcome]", "found");
        await control.ClickAsync("#detail button:has-text('Resolve')");
        await Expect(control.Locator("#cases li", new() { HasText = "Jovana Trajkovska" })).ToHaveCountAsync(0);
        await phone.ReloadAsync();
        await Expect(phone.Locator("#outcome")).ToHaveTextAsync("The child has been found. Thank you to everyone who helped.");
        await Expect(phone.Locator("body")).Not.ToContainTextAsync("Jovana");
        await Expect(phone.Locator("img, #map")).ToHaveCountAsync(0);
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    private async Task AddPhoto(string caseId)
    {
        using var client = gateway.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "supervisor", password = "supervisor-demo" }))
            .Content.ReadFromJsonAsync<TokenResponse>(Json.Options);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        (await client.PostAsync($"/api/cases/{caseId}/photo", TestImages.Form(TestImages.Jpeg()))).EnsureSuccessStatusCode();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
