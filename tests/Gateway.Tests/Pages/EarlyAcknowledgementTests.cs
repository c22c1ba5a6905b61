using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A page opened from a notification shows its kept cards before its catch-up answers and before
/// its hub exists. An acknowledgement pressed then cannot be sent: the button must stay to be
/// pressed again (it said "Seen" and nothing ever reached the control room).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class EarlyAcknowledgementTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task An_acknowledgement_pressed_before_the_page_is_connected_stays_to_press_and_counts_once_pressed_live()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        var caseId = await gateway.OpenPublicCase("Nikola Early", "black cap", (41.9981, 21.4254));
        var card = phone.Locator($".alert[data-case-id='{caseId}']");
        await Expect(card).ToContainTextAsync("Nikola Early");
        await phone.WaitUntilKept("public", caseId);

        // Opened again, its catch-up answered late: the kept card is there, the hub not yet.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        await phone.RouteAsync("**/api/subscribers/me/alerts", async route =>
        {
            if (Interlocked.Exchange(ref held, 1) == 0)
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await phone.GotoAsync("/public");
        var ack = card.Locator("button.ack");
        await ack.ClickAsync();
        release.SetResult();

        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
        await Expect(ack).ToBeEnabledAsync();
        await Expect(ack).ToHaveTextAsync("I have seen this");
        await ack.ClickAsync();
        await Expect(ack).ToHaveTextAsync("Seen");

        using var supervisor = await gateway.StaffClient("supervisor");
        var until = DateTime.UtcNow.AddSeconds(30);
        long acknowledged;
        while ((acknowledged = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("stats").GetProperty("acknowledged").GetInt64()) < 1
            && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        Assert.Equal(1, acknowledged);
        Assert.Empty(gateway.Errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
