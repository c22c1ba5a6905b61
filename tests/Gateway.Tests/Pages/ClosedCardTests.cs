using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A closed case's card says so, then goes: a day after the phone took the cancel it is no longer
/// shown, open page or reopened, and "no alerts near you" is back. Kept for ever, the closes of
/// every case a phone was ever alerted of buried the live ones.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ClosedCardTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task A_closed_cases_card_goes_a_day_after_the_cancel_and_the_inbox_says_nothing_is_near()
    {
        // The page's clock is the test's: its timers and its "now" move when the test says.
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300), testClock: true);

        var caseId = await gateway.OpenPublicCase("Lira Closed", "blue scarf", (41.9950, 21.4300));
        var card = phone.Locator($".alert[data-case-id='{caseId}']");
        await Expect(card).ToHaveAttributeAsync("data-kind", "new");
        using (var supervisor = await gateway.StaffClient("supervisor"))
        {
            (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        }

        await Expect(card).ToHaveAttributeAsync("data-kind", "cancel");
        await phone.WaitUntilKept("public", caseId, "cancel");

        await phone.Clock.FastForwardAsync("23:00:00");
        await Expect(card).ToHaveAttributeAsync("data-kind", "cancel");

        await phone.Clock.FastForwardAsync("02:00:00");
        await Expect(card).ToHaveCountAsync(0);
        await Expect(phone.Locator("#alerts")).ToContainTextAsync("No alerts near you");

        await phone.ReloadAsync();
        await Expect(phone.Locator("#alerts")).ToContainTextAsync("No alerts near you");
        await Expect(card).ToHaveCountAsync(0);
        Assert.Empty(gateway.Errors);
    }
}
