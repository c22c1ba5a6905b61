using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// /public and /field as installed apps in Chromium: their manifests and icons, the service worker
/// on each page's scope, opening offline with the last alert, notifications from pushes delivered
/// to the worker through DevTools, and asking for pushes only when the person presses the button.
/// </summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Push")]
public sealed class InstalledAppTests(InstalledAppGateway gateway) : IClassFixture<InstalledAppGateway>
{
    private static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    [Theory]
    [InlineData("/public", "mk", "Предупредувања за исчезнати деца")]
    [InlineData("/public", "sq", "Njoftime për fëmijë të zhdukur")]
    [InlineData("/public", "en", "Missing child alerts")]
    [InlineData("/field", "en", "EarlyWarning · field team")]
    public async Task Each_page_links_a_manifest_chromium_parses_with_its_name_scope_and_icons_of_the_stated_size(string path, string language, string name)
    {
        var page = await gateway.NewPage(phone: true);
        await page.GotoAsync(path);
        if (path == "/public")
        {
            await page.SelectOptionAsync("#language", language);
        }

        var href = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        // Chromium's own reading of the linked manifest: no errors.
        var parsed = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        Assert.EndsWith(href!, parsed.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Empty(parsed.GetProperty("errors").EnumerateArray());

        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/manifest+json", response.Headers["content-type"], StringComparison.Ordinal);
        var manifest = JsonDocument.Parse(await response.TextAsync()).RootElement;
        Assert.Equal(name, manifest.GetProperty("name").GetString());
        Assert.Equal(language, manifest.GetProperty("lang").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Equal(path, manifest.GetProperty("start_url").GetString());
        Assert.Equal(path, manifest.GetProperty("scope").GetString());
        Assert.Equal("#c0392b", manifest.GetProperty("theme_color").GetString());
        Assert.Equal("#c0392b", await page.Locator("meta[name=theme-color]").GetAttributeAsync("content"));

        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        Assert.Equal(["192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable"], icons.Select(i => $"{i.GetProperty("sizes").GetString()} {i.GetProperty("purpose").GetString()}"));
        foreach (var icon in icons)
        {
            var png = await page.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal(200, png.Status);
            Assert.Equal("image/png", png.Headers["content-type"]);
            var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((size, size), PngSize(await png.BodyAsync()));
        }

        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Theory]
    [InlineData("/public")]
    [InlineData("/field")]
    public async Task The_service_worker_registers_and_activates_on_the_page_scope_and_controls_the_page(string path)
    {
        var page = await gateway.NewPage(phone: true);
        await page.GotoAsync(path);

        var worker = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const registration = await navigator.serviceWorker.ready;
              while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 50));
              return { scope: registration.scope, state: registration.active.state, script: registration.active.scriptURL, caches: await caches.keys() };
            }
            """);
        Assert.Equal(new Uri(gateway.BaseAddress, path).ToString(), worker.GetProperty("scope").GetString());
        Assert.Equal("activated", worker.GetProperty("state").GetString());
        Assert.Equal(new Uri(gateway.BaseAddress, "/sw.js").ToString(), worker.GetProperty("script").GetString());
        // From the root, never from the HTTP cache (a new build's worker is found at once), under the strict policy.
        var script = await page.APIRequest.GetAsync("/sw.js");
        Assert.Equal(200, script.Status);
        Assert.StartsWith("text/javascript", script.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("no-cache", script.Headers["cache-control"]);
        Assert.StartsWith("default-src 'self'; script-src 'self';", script.Headers["content-security-policy"], StringComparison.Ordinal);
        // The app shell's cache is named for the build.
        Assert.Contains(worker.GetProperty("caches").EnumerateArray(), c => c.GetString()!.StartsWith("ew-shell-", StringComparison.Ordinal));
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task After_a_first_load_the_public_page_opens_with_no_network_and_shows_the_last_alert()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        await gateway.OpenPublicCase("Ana Offline", "red raincoat", Skopje);
        await Expect(phone.Locator(".alert[data-kind=new]", new() { HasText = "Ana Offline" })).ToBeVisibleAsync();
        await PushChannel.WaitForController(phone);
        // The page keeps what it shows in IndexedDB.
        await phone.WaitForFunctionAsync(
            """
            () => new Promise((resolve) => {
              const open = indexedDB.open("earlywarning");
              open.onsuccess = () => {
                const get = open.result.transaction("alerts").objectStore("alerts").getAll();
                get.onsuccess = () => resolve(get.result.some((a) => a.child?.name === "Ana Offline"));
              };
            })
            """);

        await phone.Context.SetOfflineAsync(true);
        await phone.ReloadAsync();

        var alert = phone.Locator(".alert[data-kind=new]", new() { HasText = "Ana Offline" });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("red raincoat");
        await Expect(phone.Locator("#watching")).ToContainTextAsync("Watching 10 km around");
        // Served by the worker from its cache: the API itself cannot be reached.
        Assert.False(await phone.EvaluateAsync<bool>("() => fetch('/api/subscribers/me/alerts').then(() => true, () => false)"));
        await Expect(phone.Locator("#hub-status")).Not.ToHaveAttributeAsync("data-state", "live");
        await phone.Context.SetOfflineAsync(false);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task A_push_delivered_to_the_worker_notifies_once_per_case_version_and_an_update_replaces_it()
    {
        var page = await gateway.NewPage(phone: true);
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.GotoAsync("/public");
        var push = await PushChannel.Open(page, gateway.BaseAddress, "/public");
        var caseId = $"case-{Guid.NewGuid():N}"[..20];

        var first = new PushPayload(AlertKind.New, caseId, 1, "en", "Missing child: Mila, 7", "Last seen near the old bazaar, blue jacket.", DateTimeOffset.UtcNow);
        await push.Deliver(first);
        var shown = await WaitForNotifications(page, n => n.Count == 1);
        Assert.Equal(("Missing child: Mila, 7", "Last seen near the old bazaar, blue jacket.", caseId), shown.Single());

        // The same (case, version) again, as a push service may redeliver: nothing new.
        await push.Deliver(first);
        await push.Deliver(first with { Kind = AlertKind.New });
        await Task.Delay(1000);
        Assert.Single(await Notifications(page));
        // Dismissed, it stays dismissed: a redelivery does not bring it back.
        await page.EvaluateAsync("async () => (await (await navigator.serviceWorker.getRegistration('/public')).getNotifications()).forEach((n) => n.close())");
        Assert.Empty(await WaitForNotifications(page, n => n.Count == 0));
        await push.Deliver(first);
        await Task.Delay(1000);
        Assert.Empty(await Notifications(page));

        // The update replaces the case's notification: still one, with the new text.
        await push.Deliver(first with { Kind = AlertKind.Update, Version = 2, Text = "Seen at the stone bridge ten minutes ago." });
        shown = await WaitForNotifications(page, n => n.Count == 1 && n[0].Body.Contains("stone bridge", StringComparison.Ordinal));
        Assert.Equal(caseId, shown.Single().Tag);

        // The worker kept the pushed alert for the page: a subscribed page shows it on open.
        var kept = await page.EvaluateAsync<JsonElement>(
            $$"""
            () => new Promise((resolve) => {
              const open = indexedDB.open("earlywarning");
              open.onsuccess = () => {
                const get = open.result.transaction("alerts").objectStore("alerts").get("public/{{caseId}}");
                get.onsuccess = () => resolve(get.result);
              };
            })
            """);
        Assert.Equal(2, kept.GetProperty("version").GetInt32());
        Assert.True(kept.GetProperty("partial").GetBoolean());
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_push_is_shown_even_when_the_worker_cannot_open_its_kept_state()
    {
        var page = await gateway.NewPage(phone: true);
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.GotoAsync("/public");
        var push = await PushChannel.Open(page, gateway.BaseAddress, "/public");
        var caseId = $"case-{Guid.NewGuid():N}"[..20];
        var first = new PushPayload(AlertKind.New, caseId, 1, "en", "Missing child: Arben, 6", "Last seen by the river.", DateTimeOffset.UtcNow);
        await push.Deliver(first);
        await WaitForNotifications(page, n => n.Count == 1);

        // A later version of the database takes the worker's connection away, and the worker's
        // own version can no longer be opened: its bookkeeping fails on every call.
        await page.EvaluateAsync(
            """
            () => new Promise((resolve, reject) => {
              const open = indexedDB.open("earlywarning", 2);
              open.onsuccess = () => { open.result.close(); resolve(); };
              open.onerror = () => reject(open.error);
              open.onblocked = () => reject(new Error("a connection did not close for the new version"));
            })
            """);
        await push.Deliver(first with { Kind = AlertKind.Update, Version = 2, Text = "Seen at the mill five minutes ago." });

        var shown = await WaitForNotifications(page, n => n.Count == 1 && n[0].Body.Contains("the mill", StringComparison.Ordinal));
        Assert.Equal(("Seen at the mill five minutes ago.", caseId), (shown.Single().Body, shown.Single().Tag));
    }

    [Fact]
    public async Task A_new_repeated_with_a_later_version_for_a_case_already_notified_replaces_it_quietly_as_an_update()
    {
        var page = await gateway.NewPage(phone: true);
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.GotoAsync("/public");
        var push = await PushChannel.Open(page, gateway.BaseAddress, "/public");
        var caseId = $"case-{Guid.NewGuid():N}"[..20];
        var first = new PushPayload(AlertKind.New, caseId, 1, "en", "Missing child: Ilina, 9", "Last seen at the bus station.", DateTimeOffset.UtcNow);
        await push.Deliver(first);
        await WaitForNotifications(page, n => n.Count == 1);
        Assert.Equal((true, "new"), await Alarm(page, caseId));

        // A tile whose silo died before it stored the sink's confirmation sends `new` again, with the zone's next version.
        await push.Deliver(first with { Version = 2, Text = "Last seen at the bus station; the zone has grown." });
        await WaitForNotifications(page, n => n.Count == 1 && n[0].Body.Contains("has grown", StringComparison.Ordinal));
        Assert.Equal((false, "update"), await Alarm(page, caseId));

        // Another case is an alarm of its own.
        var otherId = $"case-{Guid.NewGuid():N}"[..20];
        await push.Deliver(first with { CaseId = otherId, Headline = "Missing child: Goran, 6" });
        await WaitForNotifications(page, n => n.Count == 2);
        Assert.Equal((true, "new"), await Alarm(page, otherId));
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_new_the_page_took_unseen_is_still_an_alarm_and_a_push_older_than_the_cancel_the_page_holds_shows_nothing()
    {
        var page = await gateway.NewPage(phone: true);
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.GotoAsync("/public");
        var push = await PushChannel.Open(page, gateway.BaseAddress, "/public");
        // Away from the app's page (same origin, so its store and notifications stay at hand): no
        // page of the app is visible, as when the tab that took the alerts was in the background.
        await page.GotoAsync("/api/push/key");
        var (taken, cancelled, other, caughtUp) = ($"case-{Guid.NewGuid():N}"[..20], $"case-{Guid.NewGuid():N}"[..20], $"case-{Guid.NewGuid():N}"[..20], $"case-{Guid.NewGuid():N}"[..20]);
        var alert = new PushPayload(AlertKind.New, taken, 1, "en", "Missing child: Teodora, 8", "Last seen at the market.", DateTimeOffset.UtcNow);

        // The page took the first case's `new` (nobody looking), the second case's cancel, and the
        // last case's later update (its catch-up, back from offline, before the push came), in full.
        await page.EvaluateAsync(
            """
            ([taken, cancelled, caughtUp]) => new Promise((resolve, reject) => {
              const open = indexedDB.open("earlywarning", 1);
              open.onupgradeneeded = () => ["alerts", "notified", "push"].forEach((s) => open.result.createObjectStore(s));
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const tx = open.result.transaction("alerts", "readwrite");
                tx.objectStore("alerts").put({ caseId: taken, version: 1, kind: "new", headline: "Missing child: Teodora, 8", text: "Last seen at the market." }, `public/${taken}`);
                tx.objectStore("alerts").put({ caseId: cancelled, version: 1, kind: "cancel", headline: "Case closed", text: "Found." }, `public/${cancelled}`);
                tx.objectStore("alerts").put({ caseId: caughtUp, version: 3, kind: "update", headline: "Missing child: Luka, 6", text: "Seen by the lake." }, `public/${caughtUp}`);
                tx.oncomplete = () => { open.result.close(); resolve(); };
                tx.onerror = () => reject(tx.error);
              };
            })
            """,
            new[] { taken, cancelled, caughtUp });

        await push.Deliver(alert);
        await WaitForNotifications(page, n => n.Any(x => x.Tag == taken));
        Assert.Equal((true, "new"), await Alarm(page, taken));

        // Its `new` comes after the page caught up with a later update nobody saw: still the alarm.
        await push.Deliver(alert with { CaseId = caughtUp, Headline = "Missing child: Luka, 6" });
        await WaitForNotifications(page, n => n.Any(x => x.Tag == caughtUp));
        Assert.Equal((true, "new"), await Alarm(page, caughtUp));

        // The cancelled case's update of the cancel's version comes late: nothing; then another case, which shows.
        await push.Deliver(alert with { CaseId = cancelled, Kind = AlertKind.Update, Headline = "Missing child: Petar, 5" });
        // The worker has taken it (its bookkeeping first) before the other case's push starts.
        await page.WaitForFunctionAsync(
            """
            (key) => new Promise((resolve) => {
              const open = indexedDB.open("earlywarning");
              open.onsuccess = () => {
                const get = open.result.transaction("notified").objectStore("notified").get(key);
                get.onsuccess = () => { open.result.close(); resolve(get.result !== undefined); };
                get.onerror = () => { open.result.close(); resolve(false); };
              };
              open.onerror = () => resolve(false);
            })
            """,
            $"public/{cancelled}",
            new() { Timeout = 30_000, PollingInterval = 100 });
        await push.Deliver(alert with { CaseId = other, Headline = "Missing child: Ognen, 4" });
        var shown = await WaitForNotifications(page, n => n.Any(x => x.Tag == other));
        Assert.DoesNotContain(shown, n => n.Tag == cancelled);
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_cancel_the_worker_kept_is_not_overwritten_by_the_older_alert_the_page_still_shows()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        await phone.Context.GrantPermissionsAsync(["notifications"]);
        var caseId = await gateway.OpenPublicCase("Kiril Kept", "orange cap", Skopje);
        await Expect(phone.Locator($".alert[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await PushChannel.WaitForController(phone);
        await WaitForKept(phone, caseId, kept => kept?.GetProperty("kind").GetString() is not null);
        var push = await PushChannel.Open(phone, gateway.BaseAddress, "/public");

        // The case's cancel reaches the worker while the page's socket is away: kept, naming nobody.
        await push.Deliver(new PushPayload(AlertKind.Cancel, caseId, 1000, "en", "Case closed", "The child has been found.", DateTimeOffset.UtcNow));
        await WaitForKept(phone, caseId, kept => kept?.GetProperty("kind").GetString() == "cancel");

        // The page, still showing the older alert, keeps what it shows when another case arrives.
        var otherId = await gateway.OpenPublicCase("Other Kept", "grey coat", Skopje);
        await Expect(phone.Locator($".alert[data-case-id='{otherId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await WaitForKept(phone, otherId, kept => kept is not null);

        var held = await WaitForKept(phone, caseId, _ => true);
        Assert.Equal("cancel", held?.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, held?.GetProperty("child").ValueKind);
        // Nor where the child was seen: the zone the page had kept goes with the cancel.
        Assert.Equal(JsonValueKind.Null, held?.GetProperty("zone").ValueKind);
    }

    /// <summary>The app's kept alert of a case (null when none), once <paramref name="done"/> says so or 30 s have passed.</summary>
    private static async Task<JsonElement?> WaitForKept(IPage page, string caseId, Func<JsonElement?, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var kept = await page.EvaluateAsync<JsonElement>(
                """
                (key) => new Promise((resolve, reject) => {
                  const open = indexedDB.open("earlywarning");
                  open.onerror = () => reject(open.error);
                  open.onsuccess = () => {
                    const get = open.result.transaction("alerts").objectStore("alerts").get(key);
                    get.onsuccess = () => { open.result.close(); resolve(get.result ?? null); };
                  };
                })
                """,
                $"public/{caseId}");
            JsonElement? found = kept.ValueKind == JsonValueKind.Null ? null : kept;
            if (done(found) || DateTime.UtcNow > until)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Whether the case's notification waits to be dismissed (an alarm) and the kind it was shown as.</summary>
    private static async Task<(bool RequireInteraction, string Kind)> Alarm(IPage page, string caseId)
    {
        var shown = await page.EvaluateAsync<JsonElement>(
            """
            async (tag) => {
              const registration = await navigator.serviceWorker.getRegistration("/public");
              const [notification] = await registration.getNotifications({ tag });
              return { requireInteraction: notification.requireInteraction, kind: notification.data.kind };
            }
            """,
            caseId);
        return (shown.GetProperty("requireInteraction").GetBoolean(), shown.GetProperty("kind").GetString()!);
    }

    [Fact]
    public async Task A_push_for_the_version_a_visible_page_already_shows_makes_no_notification()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        await phone.Context.GrantPermissionsAsync(["notifications"]);
        var caseId = await gateway.OpenPublicCase("Vera Visible", "green scarf", Skopje);
        var card = phone.Locator($".alert[data-case-id='{caseId}']");
        await Expect(card).ToBeVisibleAsync();
        await PushChannel.WaitForController(phone);
        var headline = (await card.Locator("h3").TextContentAsync())!;
        var push = await PushChannel.Open(phone, gateway.BaseAddress, "/public");

        await push.Deliver(new PushPayload(AlertKind.New, caseId, 1, "en", headline, "shown already", DateTimeOffset.UtcNow));
        await Task.Delay(1500);
        Assert.Empty(await Notifications(phone));

        // A version the page has not shown yet is notified, even with the page open.
        await push.Deliver(new PushPayload(AlertKind.Update, caseId, 2, "en", headline, "not shown yet", DateTimeOffset.UtcNow));
        Assert.Equal("not shown yet", (await WaitForNotifications(phone, n => n.Count == 1)).Single().Body);
    }

    [Fact]
    public async Task The_public_page_opened_at_a_case_scrolls_to_and_highlights_its_card()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        var caseId = await gateway.OpenPublicCase("Hana Highlight", "yellow boots", Skopje);
        await Expect(phone.Locator($".alert[data-case-id='{caseId}']")).ToBeVisibleAsync();

        // What a tapped notification opens when no page is open (the worker's openWindow).
        await phone.GotoAsync($"/public#case={caseId}");
        await Expect(phone.Locator($".alert.highlight[data-case-id='{caseId}']")).ToBeInViewportAsync();
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task Alerts_while_closed_are_asked_for_by_the_button_after_subscribing_and_put_the_browser_subscription()
    {
        var phone = await gateway.NewPage(phone: true, (41.9950, 21.4300));
        var (p256dh, auth) = ClientKeys();
        await StandInPushManager.Install(phone, $"https://{InstalledAppGateway.PushHost}/push/{p256dh[..8]}", p256dh, auth);
        var permissionAsked = 0;
        var sent = new List<(string Method, string? Authorization, string? Body)>();
        var urls = new List<string>();
        phone.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/api/subscribers/me/push")
            {
                sent.Add((request.Method, request.Headers.GetValueOrDefault("authorization"), request.PostData));
                urls.Add(request.Url);
            }
        };
        await phone.ExposeFunctionAsync("permissionAsked", () => permissionAsked++);

        await phone.GotoAsync("/public");
        await phone.SelectOptionAsync("#language", "en");
        // Never on load: before subscribing there is no push card, and nothing was asked.
        await Expect(phone.Locator("#push-on")).Not.ToBeVisibleAsync();
        await phone.ClickAsync("#locate");
        await phone.ClickAsync("#subscribe-form button[type=submit]");
        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
        await Expect(phone.Locator("#push .hint")).ToContainTextAsync("allow notifications");
        Assert.Equal(0, permissionAsked);
        Assert.Empty(sent);

        await phone.ClickAsync("#push-on");
        await Expect(phone.Locator("#push-state")).ToHaveTextAsync("Alerts will reach this phone when the page is closed.");
        Assert.Equal(1, permissionAsked);
        Assert.Equal(GatewayFactory.Vapid.PublicKey, await phone.EvaluateAsync<string>("() => window.subscribedWithKey"));
        var put = Assert.Single(sent);
        Assert.Equal("PUT", put.Method);
        Assert.StartsWith("Bearer ", put.Authorization, StringComparison.Ordinal);
        var body = JsonDocument.Parse(put.Body!).RootElement;
        Assert.Equal($"https://{InstalledAppGateway.PushHost}/push/{p256dh[..8]}", body.GetProperty("endpoint").GetString());
        Assert.Equal(p256dh, body.GetProperty("keys").GetProperty("p256dh").GetString());
        Assert.Equal(auth, body.GetProperty("keys").GetProperty("auth").GetString());

        // Stopping deletes the gateway's copy and the browser's subscription.
        await phone.ClickAsync("#push-off");
        await Expect(phone.Locator("#push-state")).ToHaveTextAsync("Alerts arrive only while this page is open.");
        Assert.Equal("DELETE", sent[^1].Method);
        // This phone's subscription only: a field account's other phones keep theirs.
        Assert.EndsWith($"?endpoint={Uri.EscapeDataString($"https://{InstalledAppGateway.PushHost}/push/{p256dh[..8]}")}", urls[^1], StringComparison.Ordinal);
        Assert.True(await phone.EvaluateAsync<bool>("() => window.unsubscribed === true"));
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task A_field_team_asks_for_alerts_while_closed_after_signing_in_and_puts_the_subscription_with_its_token()
    {
        var field = await gateway.NewPage(phone: true, (42.0010, 21.4100));
        var (p256dh, auth) = ClientKeys();
        await StandInPushManager.Install(field, $"https://{InstalledAppGateway.PushHost}/push/{p256dh[..8]}", p256dh, auth);
        var put = new TaskCompletionSource<(string? Authorization, int Status)>();
        field.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/subscribers/me/push", StringComparison.Ordinal) && response.Request.Method == "PUT")
            {
                put.TrySetResult((response.Request.Headers.GetValueOrDefault("authorization"), response.Status));
            }
        };

        await field.GotoAsync("/field");
        await field.FillAsync("input[name=username]", "field2");
        await field.FillAsync("input[name=password]", "field-demo");
        await field.ClickAsync("#login-form button[type=submit]");
        await Expect(field.Locator("#push-on")).ToHaveTextAsync("Get alerts when the page is closed");
        await field.ClickAsync("#push-on");

        var (authorization, status) = await put.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var token = await field.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('ew.field')).accessToken");
        Assert.Equal($"Bearer {token}", authorization);
        Assert.Equal(204, status);
        await Expect(field.Locator("#push-state")).ToHaveTextAsync("Alerts will reach this phone when the page is closed.");
        // The staff token is not kept where the worker could read it (it stays in the tab's session).
        Assert.Equal("none", await field.EvaluateAsync<string>(
            """
            () => new Promise((resolve) => {
              const open = indexedDB.open("earlywarning");
              open.onsuccess = () => {
                const get = open.result.transaction("push").objectStore("push").get("field");
                get.onsuccess = () => resolve(get.result && !get.result.token ? "none" : "kept");
              };
            })
            """));
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_team_member_signing_out_on_a_phone_without_push_leaves_the_pushes_of_the_teams_other_phones()
    {
        var withPush = await gateway.NewPage(phone: true, (42.0010, 21.4100));
        var (p256dh, auth) = ClientKeys();
        var endpoint = $"https://{InstalledAppGateway.PushHost}/push/{p256dh[..8]}";
        await StandInPushManager.Install(withPush, endpoint, p256dh, auth);
        await withPush.GotoAsync("/field");
        await withPush.SignIn("field4", "field-demo");
        await withPush.ClickAsync("#push-on");
        await Expect(withPush.Locator("#push-state")).ToHaveTextAsync("Alerts will reach this phone when the page is closed.");

        // Another member's phone, push never turned on there: its sign-out knows no endpoint of its own.
        var other = await gateway.NewPage(phone: true);
        await other.GotoAsync("/field");
        await other.SignIn("field4", "field-demo");
        await other.ClickAsync("#logout");
        await Expect(other.Locator("#login-form")).ToBeVisibleAsync();

        var pushes = await gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<ISubscriberGrain>("field4").GetPushes();
        Assert.Equal([endpoint], pushes.Select(p => p.Endpoint));
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task Where_no_push_service_answers_the_page_says_so_calmly_and_stays_live()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        await phone.Context.GrantPermissionsAsync(["notifications"]);
        // Headless Chromium here has no push service to reach: PushManager.subscribe fails.
        await phone.ClickAsync("#push-on");
        await Expect(phone.Locator("#push-state")).ToHaveTextAsync("This browser cannot take alerts while the page is closed; they still arrive while it is open.", new() { Timeout = 30000 });
        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
        var caseId = await gateway.OpenPublicCase("Lina Live", "pink bag", Skopje);
        await Expect(phone.Locator($".alert[data-case-id='{caseId}']")).ToBeVisibleAsync();
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task Notifications_blocked_by_the_person_are_said_and_nothing_is_put()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        var puts = 0;
        phone.Request += (_, request) => puts += request.Url.EndsWith("/api/subscribers/me/push", StringComparison.Ordinal) ? 1 : 0;
        await phone.EvaluateAsync("() => { Notification.requestPermission = async () => 'denied'; }");
        await phone.ClickAsync("#push-on");
        await Expect(phone.Locator("#push-state")).ToHaveTextAsync("Notifications are blocked for this page, so alerts arrive only while it is open.");
        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
        Assert.Equal(0, puts);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task<List<(string Title, string Body, string Tag)>> Notifications(IPage page)
    {
        var shown = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              // The app's scope, also from another page of the origin (one that is not the app's).
              const registration = await navigator.serviceWorker.getRegistration(location.pathname.startsWith("/field") ? "/field" : "/public");
              return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
            }
            """);
        return [.. shown.EnumerateArray().Select(n => (n.GetProperty("title").GetString()!, n.GetProperty("body").GetString()!, n.GetProperty("tag").GetString()!))];
    }

    private static async Task<List<(string Title, string Body, string Tag)>> WaitForNotifications(IPage page, Func<List<(string Title, string Body, string Tag)>, bool> done)
    {
        // Generous: on a loaded two-core machine the worker's start and its IndexedDB writes once
        // took more than 10 s (a full run at load ~15), which is not what this test is about.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var shown = await Notifications(page);
            if (done(shown) || DateTime.UtcNow > until)
            {
                return shown;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A browser push subscription's keys as a page would send them: a P-256 point and 16 secret bytes, base64url.</summary>
    private static (string P256dh, string Auth) ClientKeys()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        return (Base64Url.EncodeToString([0x04, .. point.X!, .. point.Y!]), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
