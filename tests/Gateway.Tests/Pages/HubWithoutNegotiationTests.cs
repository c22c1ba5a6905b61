using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The pages open the live hub with one WebSocket and never negotiate, so any gateway behind a
/// plain load balancer can take the connection (no sticky sessions). A browser hides why a
/// WebSocket was refused, so the page's own authenticated catch-up tells a refused token from a
/// gateway that is down: a refused token on connect still brings back sign-in (staff) or the
/// subscribe form (public).
/// </summary>
[Trait("Category", "Security")]
[Collection(BrowserTests.Name)]
public sealed class HubWithoutNegotiationTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task Every_page_connects_to_the_hub_with_a_websocket_and_never_negotiates()
    {
        var control = Recorded(await gateway.NewPage(phone: false));
        await control.Page.GotoAsync("/");
        await SignIn(control.Page, "supervisor", "supervisor-demo");

        var field = Recorded(await gateway.NewPage(phone: true, (41.9981, 21.4254)));
        await field.Page.GotoAsync("/field");
        await SignIn(field.Page, "field5", "field-demo");

        var publicPage = Recorded(await gateway.NewPage(phone: true, (41.9981, 21.4354)));
        await publicPage.Page.GotoAsync("/public");
        await publicPage.Page.SelectOptionAsync("#language", "en");
        await publicPage.Page.ClickAsync("#locate");
        await publicPage.Page.ClickAsync("#subscribe-form button[type=submit]");
        await Expect(publicPage.Page.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");

        foreach (var page in new[] { control, field, publicPage })
        {
            Assert.DoesNotContain(page.Requests, url => url.Contains("/hubs/alerts/negotiate", StringComparison.Ordinal));
            // No connection id in the URL: the WebSocket is the connection's only request.
            var socket = Assert.Single(page.Sockets);
            Assert.StartsWith($"ws://{gateway.BaseAddress.Authority}/hubs/alerts?", socket, StringComparison.Ordinal);
            Assert.DoesNotContain("id=", socket, StringComparison.Ordinal);
        }

        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_staff_token_refused_when_the_hub_connects_brings_back_the_sign_in_form_and_signing_in_again_carries_on()
    {
        var field = Recorded(await gateway.NewPage(phone: true, (41.1172, 20.8016)));
        var sockets = await Passed(field.Page);
        await field.Page.GotoAsync("/field");
        await SignIn(field.Page, "field5", "field-demo");

        // A token the gateway no longer accepts, then the live connection drops (a gateway gone):
        // the page's next connect is refused, which only the catch-up's 401 can tell it.
        await field.Page.EvaluateAsync("() => { const s = JSON.parse(sessionStorage.getItem('ew.field')); s.accessToken += 'x'; sessionStorage.setItem('ew.field', JSON.stringify(s)); }");
        var refused = field.Page.WaitForResponseAsync(r => r.Url.Contains("/api/subscribers/me/alerts", StringComparison.Ordinal) && r.Status == 401);
        Assert.True(sockets.TryPeek(out var live));
        await live.CloseAsync(new() { Code = 1012, Reason = "gateway restarting" });

        await refused;
        await Expect(field.Page.Locator("#login")).ToBeVisibleAsync();
        await Expect(field.Page.Locator("#login-reason")).ToContainTextAsync("Sign in again");
        await Expect(field.Page.Locator("input[name=username]")).ToHaveValueAsync("field5");
        Assert.True(sockets.Count >= 2, "the page tried the hub again before asking");

        await SignIn(field.Page, "field5", "field-demo");
        await Expect(field.Page.Locator("#app")).ToBeVisibleAsync();
        Assert.DoesNotContain(field.Requests, url => url.Contains("/hubs/alerts/negotiate", StringComparison.Ordinal));
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_public_subscription_refused_when_the_hub_connects_brings_back_the_subscribe_form()
    {
        var phone = await gateway.NewPage(phone: true, (41.3450, 21.5550));
        var sockets = await Passed(phone);
        await phone.GotoAsync("/public");
        await phone.SelectOptionAsync("#language", "en");
        await phone.ClickAsync("#locate");
        await phone.ClickAsync("#subscribe-form button[type=submit]");
        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");

        await phone.EvaluateAsync("() => { const s = JSON.parse(localStorage.getItem('ew.public')); s.token += 'x'; localStorage.setItem('ew.public', JSON.stringify(s)); }");
        Assert.True(sockets.TryPeek(out var live));
        await live.CloseAsync(new() { Code = 1012, Reason = "gateway restarting" });

        await Expect(phone.Locator("#subscribe")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(phone.Locator("#subscribed")).ToBeHiddenAsync();
        Assert.Null(await phone.EvaluateAsync<string?>("() => localStorage.getItem('ew.public')"));
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_control_room_whose_gateway_answers_503_keeps_retrying_signed_in_until_it_is_live()
    {
        var control = await gateway.NewPage(phone: false);
        var attempts = 0;
        var probes = 0;
        await control.RouteWebSocketAsync(url => url.Contains("/hubs/alerts", StringComparison.Ordinal), socket =>
        {
            if (Interlocked.Increment(ref attempts) <= 3)
            {
                _ = socket.CloseAsync(new() { Code = 1011, Reason = "cluster unavailable" });
            }
            else
            {
                socket.ConnectToServer();
            }
        });
        // An outage as the gateway answers it: 503 problem with Retry-After, not a refused token.
        await control.RouteAsync("**/api/field-teams", async route =>
        {
            if (Volatile.Read(ref attempts) <= 3)
            {
                Interlocked.Increment(ref probes);
                await route.FulfillAsync(new()
                {
                    Status = 503,
                    ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "5" },
                    Body = """{"status":503,"title":"The cluster is unavailable","outcome":"not-applied"}""",
                });
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await control.GotoAsync("/");
        await control.FillAsync("input[name=username]", "operator");
        await control.FillAsync("input[name=password]", "operator-demo");
        await control.ClickAsync("#login-form button[type=submit]");

        await Expect(control.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await Expect(control.Locator("#login")).ToBeHiddenAsync();
        Assert.True(attempts >= 4, $"connected {attempts} times");
        // The first read, then one probe after each failed connect.
        Assert.True(probes >= 4, $"probed {probes} times");
        Assert.Empty(gateway.Errors);
    }

    /// <summary>Every hub WebSocket of the page goes to the gateway through a route the test can close (newest first).</summary>
    private static async Task<ConcurrentStack<IWebSocketRoute>> Passed(IPage page)
    {
        var sockets = new ConcurrentStack<IWebSocketRoute>();
        await page.RouteWebSocketAsync(url => url.Contains("/hubs/alerts", StringComparison.Ordinal), socket =>
        {
            socket.ConnectToServer();
            sockets.Push(socket);
        });
        return sockets;
    }

    private static RecordedPage Recorded(IPage page)
    {
        var recorded = new RecordedPage(page, new ConcurrentQueue<string>(), new ConcurrentQueue<string>());
        page.Request += (_, request) => recorded.Requests.Enqueue(request.Url);
        page.WebSocket += (_, socket) => recorded.Sockets.Enqueue(socket.Url);
        return recorded;
    }

    private static async Task SignIn(IPage page, string account, string password)
    {
        await page.FillAsync("input[name=username]", account);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#hub-status")).ToHaveTextAsync("live");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private sealed record RecordedPage(IPage Page, ConcurrentQueue<string> Requests, ConcurrentQueue<string> Sockets);
}
