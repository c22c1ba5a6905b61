using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>Steps the page tests share: a subscribed public phone, a public case opened through the API.</summary>
public static class PageSteps
{
    /// <summary>
    /// A phone on /public (in English) subscribed at its GPS position, its hub live; with
    /// <paramref name="testClock"/>, the page's timers and "now" are the test's (installed before it loads).
    /// </summary>
    public static async Task<IPage> SubscribedPhone(this BrowserGateway gateway, (double Lat, double Lon) position, bool testClock = false)
    {
        var phone = await gateway.NewPage(phone: true, position);
        if (testClock)
        {
            await phone.Clock.InstallAsync();
        }

        await phone.GotoAsync("/public");
        await phone.SelectOptionAsync("#language", "en");
        await phone.ClickAsync("#locate");
        await phone.ClickAsync("#subscribe-form button[type=submit]");
        await Assertions.Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
        return phone;
    }

    /// <summary>A phone on /field signed in as <paramref name="username"/>, its position set by "Use GPS" at <paramref name="position"/>.</summary>
    public static async Task<IPage> FieldTeamAt(this BrowserGateway gateway, string username, (double Lat, double Lon) position)
    {
        var field = await gateway.NewPage(phone: true, position);
        await field.GotoAsync("/field");
        await field.SignIn(username, "field-demo");
        await field.ClickAsync("#gps");
        await Assertions.Expect(field.Locator("#position")).ToContainTextAsync(FormattableString.Invariant($"{position.Lat:0.0000}, {position.Lon:0.0000}"));
        return field;
    }

    /// <summary>A public case opened by the supervisor through the API; its id.</summary>
    public static async Task<string> OpenPublicCase(this BrowserGateway gateway, string name, string description, (double Lat, double Lon) lastSeen)
    {
        using var client = await gateway.StaffClient("supervisor");
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            child = new { name, age = 8, description },
            lastSeen = new { lat = lastSeen.Lat, lon = lastSeen.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-5) },
            travelMode = "walking",
            level = "public",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A client of the gateway signed in as a demo account: its password is <paramref name="password"/>, or else the user name plus `-demo` (operator, supervisor).</summary>
    public static async Task<HttpClient> StaffClient(this BrowserGateway gateway, string username, string? password = null)
    {
        var client = gateway.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { username, password = password ?? $"{username}-demo" }))
            .Content.ReadFromJsonAsync<TokenResponse>(Json.Options);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>The control room signed in as <paramref name="username"/>, its hub live.</summary>
    public static async Task<IPage> SignedInControlRoom(this BrowserGateway gateway, string username = "supervisor")
    {
        var control = await gateway.NewPage(phone: false);
        await control.GotoAsync("/");
        await control.SignIn(username, $"{username}-demo");
        await Assertions.Expect(control.Locator("#hub-status")).ToHaveTextAsync("live");
        return control;
    }

    /// <summary>Signs in on a staff page's sign-in form and waits for its hub to be live (in whatever language the page speaks).</summary>
    public static async Task SignIn(this IPage page, string username, string password)
    {
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
    }

    /// <summary>
    /// Waits until the page has kept the case's alert in its store (an IndexedDB write the page makes
    /// after showing the card: a page left at once, on a loaded machine, kept nothing to reopen);
    /// with <paramref name="kind"/>, an alert of that kind.
    /// </summary>
    public static async Task WaitUntilKept(this IPage page, string app, string caseId, string? kind = null) =>
        await page.WaitForFunctionAsync(
            """
            ({ key, kind }) => new Promise((resolve) => {
              const open = indexedDB.open("earlywarning");
              open.onerror = () => resolve(false);
              open.onsuccess = () => {
                const db = open.result;
                if (![...db.objectStoreNames].includes("alerts")) { db.close(); resolve(false); return; }
                const get = db.transaction("alerts").objectStore("alerts").get(key);
                get.onsuccess = () => { db.close(); resolve(get.result !== undefined && (kind === null || get.result.kind === kind)); };
                get.onerror = () => { db.close(); resolve(false); };
              };
            })
            """,
            new { key = $"{app}/{caseId}", kind },
            new() { Timeout = 30_000, PollingInterval = 100 });

    /// <summary>
    /// The next GET whose path is <paramref name="path"/> is answered by the server at once and reaches
    /// the page only when <see cref="HeldAnswer.Release"/> is called: an answer made before what the
    /// test does next, arriving after it. Later requests pass.
    /// </summary>
    public static async Task<HeldAnswer> HoldNextAnswer(this IPage page, string path)
    {
        var held = new HeldAnswer();
        var taken = 0;
        await page.RouteAsync(url => new Uri(url).AbsolutePath == path, async route =>
        {
            if (route.Request.Method != "GET" || Interlocked.Exchange(ref taken, 1) == 1)
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync();
            held.Answered.TrySetResult();
            await held.Released.Task;
            await route.FulfillAsync(new() { Response = response });
            held.Delivered.TrySetResult();
        });
        return held;
    }
}

/// <summary>An answer <see cref="PageSteps.HoldNextAnswer"/> holds back from the page.</summary>
public sealed class HeldAnswer
{
    internal TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The server has answered (the page does not have it yet).</summary>
    public Task Fetched => Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The page has the answer.</summary>
    public Task Reached => Delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Lets the answer go to the page.</summary>
    public void Release() => Released.TrySetResult();
}
