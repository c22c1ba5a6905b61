using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// "Stop alerts" on /public erases the subscription, and the page keeps nothing of it: not where
/// the person watched (the dot and its radius), not the sighting they had begun to type about a
/// child (it came back filled in when they subscribed again), not the alerts.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class UnsubscribePageTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task Unsubscribing_leaves_no_watch_area_no_alert_and_no_half_typed_sighting_on_the_page()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        var token = JsonDocument.Parse(await phone.EvaluateAsync<string>("() => localStorage.getItem('ew.public')")).RootElement.GetProperty("token").GetString();
        var caseId = await gateway.OpenPublicCase("Vesna Typed", "green boots", (41.9950, 21.4300));
        var card = phone.Locator($".alert[data-case-id='{caseId}']");
        await card.Locator("button.report").ClickAsync();
        await phone.FillAsync("#sighting-form textarea[name=description]", "By the bakery, with a tall man");
        await phone.FillAsync("#sighting-form input[name=reporterContact]", "+389 70 000 000");
        await phone.Locator("#map").ClickAsync(new() { Position = new() { X = 120, Y = 120 } });
        await Expect(phone.Locator("#map path.shape-sighting")).ToHaveCountAsync(1);
        await Expect(phone.Locator("#map path.shape-me-radius")).ToHaveCountAsync(1);

        await phone.ClickAsync("#unsubscribe");

        await Expect(phone.Locator("#subscribe")).ToBeVisibleAsync();
        await Expect(phone.Locator(".alert")).ToHaveCountAsync(0);
        await Expect(phone.Locator("#map path.shape-me, #map path.shape-me-radius, #map path.shape-sighting")).ToHaveCountAsync(0);
        await Expect(phone.Locator("#sighting-form")).ToBeHiddenAsync();
        Assert.Equal("", await phone.InputValueAsync("#sighting-form textarea[name=description]"));
        Assert.Equal("", await phone.InputValueAsync("#sighting-form input[name=reporterContact]"));
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/subscribers/me")).StatusCode);
        Assert.Empty(gateway.Errors);
    }
}
