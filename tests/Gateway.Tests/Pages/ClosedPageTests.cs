using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Push;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A phone that subscribed and then closed the page: the gateway's own push, encrypted for the
/// subscription the page made and accepted by the push service, wakes the service worker, which
/// shows the alert; the cancel replaces it without the child's name.
/// </summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Push")]
public sealed class ClosedPageTests(ClosedPageGateway gateway) : IClassFixture<ClosedPageGateway>
{
    [Fact]
    public async Task A_phone_that_subscribed_and_closed_the_page_is_notified_of_the_case_and_of_its_cancel()
    {
        using var subscription = new TestPushSubscription(gateway.PushService.Endpoint("closed-page"));
        var (phone, push) = await PhoneWithPush(subscription, (41.1231, 20.8016));

        // The page is closed: the tab leaves it, so no window of the app is left for the worker.
        await phone.GotoAsync("about:blank");
        var caseId = await gateway.OpenPublicCase("Klara Closedpage", "yellow raincoat", (41.1172, 20.8019));

        var alert = await Delivered(push, subscription, caseId, "new");
        Assert.Contains("Klara Closedpage", alert.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var shown = await WaitForNotification(phone, caseId, n => n.Title == alert.GetProperty("headline").GetString());
        Assert.Equal(alert.GetProperty("text").GetString(), shown.Body);

        await Resolve(caseId);
        var cancel = await Delivered(push, subscription, caseId, "cancel");
        shown = await WaitForNotification(phone, caseId, n => n.Title == cancel.GetProperty("headline").GetString());
        Assert.DoesNotContain("Klara", shown.Title + shown.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Closedpage", shown.Title + shown.Body, StringComparison.Ordinal);
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_notification_naming_the_child_goes_when_the_cancel_reaches_the_page_that_is_open()
    {
        using var subscription = new TestPushSubscription(gateway.PushService.Endpoint("open-page"));
        var (phone, push) = await PhoneWithPush(subscription, (41.0297, 21.3292));

        // Alerted while the page was closed: the notification names the child.
        await phone.GotoAsync("about:blank");
        var caseId = await gateway.OpenPublicCase("Dragana Openpage", "green scarf", (41.0310, 21.3300));
        await Delivered(push, subscription, caseId, "new");
        // Opened again: on a loaded machine the page, its kept alerts and its catch-up take seconds.
        await phone.GotoAsync("/public");
        // `new`, or `update` when the zone tick has grown it meanwhile (the catch-up's kind then).
        await Expect(phone.Locator($"li.alert[data-case-id='{caseId}']:not([data-kind='cancel'])")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The card drawn from the worker's copy (headline and text) becomes the full one: the child's line.
        await Expect(phone.Locator($"li.alert[data-case-id='{caseId}'] strong")).ToContainTextAsync("Dragana Openpage", new() { Timeout = 30_000 });
        Assert.Contains(await Notifications(phone, caseId), n => n.Contains("Dragana", StringComparison.Ordinal));

        // The page, open and visible, takes the cancel from the hub; then the push of it comes.
        await Resolve(caseId);
        await Expect(phone.Locator($"li.alert[data-case-id='{caseId}'][data-kind='cancel']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Delivered(push, subscription, caseId, "cancel");

        var until = DateTime.UtcNow.AddSeconds(10);
        List<string> shown;
        while ((shown = await Notifications(phone, caseId)).Any(n => n.Contains("Dragana", StringComparison.Ordinal)) && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        Assert.DoesNotContain(shown, n => n.Contains("Dragana", StringComparison.Ordinal) || n.Contains("Openpage", StringComparison.Ordinal));
        Assert.Empty(gateway.Errors);
    }

    /// <summary>A phone at <paramref name="at"/> subscribed on the public page, in English, with alerts by Web Push to <paramref name="subscription"/> turned on.</summary>
    private async Task<(IPage Phone, PushChannel Push)> PhoneWithPush(TestPushSubscription subscription, (double Lat, double Lon) at)
    {
        var phone = await gateway.NewPage(phone: true, at);
        await phone.Context.GrantPermissionsAsync(["notifications"]);
        await StandInPushManager.Install(phone, subscription.Endpoint, Base64Url.EncodeToString(subscription.PublicKey), Base64Url.EncodeToString(subscription.Auth));
        await phone.GotoAsync("/public");
        await phone.SelectOptionAsync("#language", "en");
        await phone.ClickAsync("#locate");
        await phone.ClickAsync("#subscribe-form button[type=submit]");
        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
        await phone.ClickAsync("#push-on");
        await Expect(phone.Locator("#push-state")).ToHaveTextAsync("Alerts will reach this phone when the page is closed.");
        return (phone, await PushChannel.Open(phone, gateway.BaseAddress, "/public"));
    }

    /// <summary>The case's notifications on screen (title and body), read from the open page.</summary>
    private static async Task<List<string>> Notifications(IPage page, string caseId)
    {
        var found = await page.EvaluateAsync<JsonElement>(
            """
            async (tag) => {
              const registration = await navigator.serviceWorker.getRegistration("/public");
              return (await registration.getNotifications({ tag })).map((n) => `${n.title} ${n.body}`);
            }
            """,
            caseId);
        return [.. found.EnumerateArray().Select(n => n.GetString()!)];
    }

    /// <summary>Waits for the push service to accept the case's message of that kind, decrypts it, and hands it to the browser as the push service would.</summary>
    private async Task<JsonElement> Delivered(PushChannel push, TestPushSubscription subscription, string caseId, string kind)
    {
        var received = await gateway.PushService.WaitFor(
            r => subscription.Endpoint.EndsWith($"/push/{r.Name}", StringComparison.Ordinal) && r.Status == 201 && Plain(r, subscription).GetProperty("caseId").GetString() == caseId && Plain(r, subscription).GetProperty("kind").GetString() == kind,
            TimeSpan.FromSeconds(30));
        var text = WebPushDecryption.DecryptText(received.Body, subscription);
        await push.Deliver(text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static JsonElement Plain(ReceivedPush received, TestPushSubscription subscription) =>
        JsonDocument.Parse(WebPushDecryption.Decrypt(received.Body, subscription)).RootElement;

    /// <summary>
    /// The case's notification as the worker shows it, read from a document of the same origin
    /// outside the app's scope (opening /public itself would be opening the app).
    /// </summary>
    private static async Task<(string Title, string Body)> WaitForNotification(IPage tab, string caseId, Func<(string Title, string Body), bool> done)
    {
        await tab.GotoAsync("/api/push/key");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = await tab.EvaluateAsync<JsonElement>(
                """
                async (tag) => {
                  const registration = await navigator.serviceWorker.getRegistration("/public");
                  const shown = await registration.getNotifications({ tag });
                  return shown.map((n) => ({ title: n.title, body: n.body }));
                }
                """,
                caseId);
            var shown = found.EnumerateArray().Select(n => (n.GetProperty("title").GetString()!, n.GetProperty("body").GetString()!)).ToList();
            if (shown.Count == 1 && done(shown[0]))
            {
                return shown[0];
            }

            Assert.True(DateTime.UtcNow < until, $"No matching notification for {caseId}; shown: {string.Join(" | ", shown)}");
            await Task.Delay(200);
        }
    }

    private async Task Resolve(string caseId)
    {
        using var client = gateway.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "supervisor", password = "supervisor-demo" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        (await client.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
