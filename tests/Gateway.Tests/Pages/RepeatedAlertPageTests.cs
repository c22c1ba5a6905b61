using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EarlyWarning.Gateway.Alerts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// Delivery is at least once: after a failover the same batch can reach a phone again. The public
/// page shows each (case, version) once: a repeat neither adds nor redraws the card.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class RepeatedAlertPageTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task A_batch_delivered_twice_shows_its_alert_once_and_leaves_the_card_untouched()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        var caseId = await gateway.OpenPublicCase("Vesna Trajkovska", "green coat", (41.9981, 21.4254));
        var card = phone.Locator($".alert[data-case-id='{caseId}']");
        await Expect(card).ToHaveAttributeAsync("data-kind", "new");
        // A mark on the card element: a redrawn card would lose it.
        await card.EvaluateAsync("el => el.dataset.mark = 'first'");

        // The alert at the version the phone holds: the catch-up's copy (kind update), and the batch's own (kind new).
        var stored = await phone.EvaluateAsync<string>("() => localStorage.getItem('ew.public')");
        var token = JsonDocument.Parse(stored).RootElement.GetProperty("token").GetString();
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var alerts = await client.GetFromJsonAsync<JsonElement>("/api/subscribers/me/alerts");
        var repeat = alerts.EnumerateArray().Single(a => a.GetProperty("caseId").GetString() == caseId);

        var batchCopy = JsonNode.Parse(repeat.GetRawText())!.AsObject();
        batchCopy["kind"] = "new";

        // The batch again (a silo's retry through another gateway) and the catch-up's copy, then
        // another case's alert: once that one shows, the page has read the repeats before it.
        await SendThenProbe(phone, JsonSerializer.SerializeToElement(batchCopy), repeat);

        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToHaveAttributeAsync("data-mark", "first");
        await Expect(card).ToHaveAttributeAsync("data-kind", "new");
        await Expect(phone.Locator(".alert")).ToHaveCountAsync(2);
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_cancel_kept_from_a_push_is_not_undone_by_a_late_copy_of_its_versions_update()
    {
        var phone = await gateway.SubscribedPhone((41.9950, 21.4300));
        var caseId = await gateway.OpenPublicCase("Marta Latecopy", "red boots", (41.9981, 21.4254));
        var card = phone.Locator($".alert[data-case-id='{caseId}']");
        await Expect(card).ToContainTextAsync("Marta Latecopy");
        await phone.WaitUntilKept("public", caseId);
        var stored = await phone.EvaluateAsync<string>("() => localStorage.getItem('ew.public')");
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(stored).RootElement.GetProperty("token").GetString());
        var update = (await client.GetFromJsonAsync<JsonElement>("/api/subscribers/me/alerts")).EnumerateArray().Single(a => a.GetProperty("caseId").GetString() == caseId);

        // The case's cancel, of the version the phone holds, came by Web Push while the page was
        // closed: the worker kept it (partial, naming nobody).
        await phone.EvaluateAsync(
            """
            ([caseId, version]) => new Promise((resolve, reject) => {
              const open = indexedDB.open("earlywarning");
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const tx = open.result.transaction("alerts", "readwrite");
                tx.objectStore("alerts").put({ caseId, version, kind: "cancel", headline: "Case closed", text: "The child has been found.", child: null, zone: null, partial: true }, `public/${caseId}`);
                tx.oncomplete = () => { open.result.close(); resolve(); };
                tx.onerror = () => reject(tx.error);
              };
            })
            """,
            new object[] { caseId, update.GetProperty("version").GetInt64() });
        await phone.GotoAsync("about:blank");
        using (var supervisor = await gateway.StaffClient("supervisor"))
        {
            (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        }

        await phone.GotoAsync("/public");
        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");
        await Expect(card).ToHaveAttributeAsync("data-kind", "cancel");

        // A slow relay's copy of that version's update, then another case: once that one shows,
        // the page has read the late copy before it.
        await SendThenProbe(phone, update);

        await Expect(card).ToHaveAttributeAsync("data-kind", "cancel");
        await Expect(card).Not.ToContainTextAsync("Latecopy");
        Assert.Empty(gateway.Errors);
    }

    /// <summary>
    /// Sends the alerts through the hub, then another case's (a copy of the last, named "Probe
    /// Case"), and waits for that one's card: the page has then read every alert before it.
    /// </summary>
    private async Task SendThenProbe(IPage phone, params JsonElement[] alerts)
    {
        var hub = gateway.Services.GetRequiredService<IHubContext<AlertHub>>();
        foreach (var alert in alerts)
        {
            await hub.Clients.All.SendAsync("alert", alert);
        }

        var probe = JsonNode.Parse(alerts[^1].GetRawText())!.AsObject();
        probe["caseId"] = $"c-{Guid.NewGuid():N}";
        probe["child"]!["name"] = "Probe Case";
        await hub.Clients.All.SendAsync("alert", JsonSerializer.SerializeToElement(probe));
        await Expect(phone.Locator(".alert", new() { HasText = "Probe Case" })).ToBeVisibleAsync();
    }
}
