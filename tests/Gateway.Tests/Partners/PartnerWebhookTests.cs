using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EarlyWarning.Gateway.Tests.Partners;

/// <summary>
/// Webhooks end to end: partners registered on a gateway whose <c>Partners:AllowedHosts</c> lists
/// 127.0.0.1 only, received by the test's own loopback partner (<see cref="TestPartnerReceiver"/>).
/// Nothing is sent anywhere else.
/// </summary>
[Trait("Category", "Interop")]
public sealed class PartnerWebhookTests : ConfiguredGatewayTests
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    // Struga, by the lake: walking for 3 h the zone reaches across the border into Albania, not Greece.
    private static readonly (double Lat, double Lon) Struga = (41.1780, 20.6783);

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Partners:AllowedHosts:0", "127.0.0.1");
        builder.UseSetting("Partners:FirstRetryDelay", "00:00:00.2");
        builder.UseSetting("Partners:MaxRetryDelay", "00:00:01");
    }

    [Fact]
    public async Task A_zone_reaching_albania_is_posted_signed_to_the_AL_partner_in_its_languages_then_the_cancel_and_a_GR_partner_gets_nothing()
    {
        await using var receiver = await TestPartnerReceiver.Start();
        using var supervisor = await CreateClientAs("supervisor");
        var secret = "al-partner-secret-" + Guid.NewGuid().ToString("N");
        var al = await Register(supervisor, "Albania 112", receiver.Url("al"), ["AL"], ["sq", "en"], secret);
        var gr = await Register(supervisor, "Greece 112", receiver.Url("gr"), ["GR"], ["en"], "gr-partner-secret-0123456789");

        var id = await OpenPublicCase(supervisor, "Arbnora", Struga, DateTimeOffset.UtcNow.AddHours(-3));
        var alert = await receiver.WaitFor("al", w => w.Body.Contains(id, StringComparison.Ordinal) && MsgType(w) == "Alert");
        var view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        var cancel = await receiver.WaitFor("al", w => w.Body.Contains(id, StringComparison.Ordinal) && MsgType(w) == "Cancel");
        using var poller = App.CreateClient();
        var fed = XDocument.Parse(await poller.GetStringAsync($"/api/cap/{id}"));
        // The receiver has the Cancel as soon as it is sent; the partner records the attempt once answered.
        var alDeliveries = await DeliveriesOnce(supervisor, al, all => all.Any(d => d.GetProperty("kind").GetString() == "cancel" && d.TryGetProperty("statusCode", out _)));
        var grDeliveries = await Deliveries(supervisor, gr);

        Assert.Contains("AL", view.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("application/cap+xml", alert.ContentType?.Split(';')[0]);
        foreach (var webhook in new[] { alert, cancel })
        {
            AssertSigned(webhook, secret);
            var message = XDocument.Parse(webhook.Body);
            CapSchema.AssertValid(message);
            Assert.Equal(["sq", "en"], message.Root!.Elements(Cap + "info").Select(i => i.Element(Cap + "language")!.Value));
        }

        var alertId = XDocument.Parse(alert.Body).Root!.Element(Cap + "identifier")!.Value;
        Assert.Equal($"urn:earlywarning:{id}", alertId);
        Assert.StartsWith($"earlywarning,{alertId},", XDocument.Parse(cancel.Body).Root!.Element(Cap + "references")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Arbnora", cancel.Body, StringComparison.Ordinal);
        // The feed's own Cancel, with only the partner's languages, is what was posted.
        fed.Root!.Elements(Cap + "info").Where(i => i.Element(Cap + "language")!.Value is not ("sq" or "en")).Remove();
        Assert.Equal(fed.ToString(), XDocument.Parse(cancel.Body).ToString());
        Assert.NotEqual(alert.Delivery, cancel.Delivery);
        Assert.Contains(alDeliveries, d => d.GetProperty("kind").GetString() == "alert" && d.GetProperty("statusCode").GetInt32() == 200);
        Assert.Contains(alDeliveries, d => d.GetProperty("kind").GetString() == "cancel" && d.GetProperty("caseId").GetString() == id);
        Assert.Empty(receiver.To("gr"));
        Assert.Empty(grDeliveries);
    }

    [Fact]
    public async Task A_partner_answering_500_twice_gets_the_same_delivery_three_times_and_supervisors_see_each_attempt()
    {
        await using var receiver = await TestPartnerReceiver.Start();
        using var supervisor = await CreateClientAs("supervisor");
        var secret = "mk-partner-secret-" + Guid.NewGuid().ToString("N");
        receiver.Script("mk", 500, 500);
        var mk = await Register(supervisor, "Skopje partner", receiver.Url("mk"), ["MK"], ["mk"], secret);

        var id = await OpenPublicCase(supervisor, "Ana", Requests.Skopje, DateTimeOffset.UtcNow.AddMinutes(-1));
        await receiver.WaitFor("mk", w => w.Body.Contains(id, StringComparison.Ordinal) && w.Status == 200);
        var attempts = (await DeliveriesOnce(supervisor, mk, all => all.Count(d => d.GetProperty("caseId").GetString() == id) >= 3))
            .Where(d => d.GetProperty("caseId").GetString() == id).OrderBy(d => d.GetProperty("attempt").GetInt32()).ToList();
        var received = receiver.To("mk").Where(w => w.Body.Contains(id, StringComparison.Ordinal)).ToList();

        Assert.Equal([1, 2, 3], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([500, 500, 200], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Single(attempts.Select(a => a.GetProperty("deliveryId").GetString()).Distinct());
        Assert.All(attempts, a => Assert.Equal("alert", a.GetProperty("kind").GetString()));
        Assert.All(attempts, a => Assert.Equal($"urn:earlywarning:{id}", a.GetProperty("messageId").GetString()));
        Assert.True(attempts[0].TryGetProperty("nextAttemptAt", out _) && attempts[1].TryGetProperty("nextAttemptAt", out _));
        Assert.False(attempts[2].TryGetProperty("nextAttemptAt", out _));
        Assert.Equal([500, 500, 200], received.Select(w => w.Status));
        Assert.All(received, w => Assert.Equal(attempts[0].GetProperty("deliveryId").GetString(), w.Delivery));
        Assert.All(received, w => AssertSigned(w, secret));
    }

    private static string? MsgType(ReceivedWebhook webhook) =>
        XDocument.Parse(webhook.Body).Root?.Element(Cap + "msgType")?.Value;

    /// <summary>The recipe of API.md, computed here without the gateway's code: HMAC-SHA256(secret, timestamp + "." + body), hex.</summary>
    private static void AssertSigned(ReceivedWebhook webhook, string secret)
    {
        var timestamp = long.Parse(webhook.Timestamp!, System.Globalization.CultureInfo.InvariantCulture);
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{webhook.Body}"))).ToLowerInvariant();
        Assert.Equal(expected, webhook.Signature);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(timestamp), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    private static async Task<string> Register(HttpClient supervisor, string name, string url, string[] countries, string[] languages, string secret)
    {
        var response = await supervisor.PostAsJsonAsync("/api/partners", new { name, url, countries, languages, secret });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement[]> Deliveries(HttpClient supervisor, string partnerId) =>
        (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/partners/{partnerId}/deliveries"))!;

    /// <summary>The partner's deliveries once <paramref name="done"/> holds for them (up to 30 s).</summary>
    private static async Task<JsonElement[]> DeliveriesOnce(HttpClient supervisor, string partnerId, Func<JsonElement[], bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var all = await Deliveries(supervisor, partnerId);
            if (done(all))
            {
                return all;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the partner's deliveries");
            await Task.Delay(50);
        }
    }

    private static async Task<string> OpenPublicCase(HttpClient supervisor, string name, (double Lat, double Lon) at, DateTimeOffset lastSeenAt) =>
        (await Requests.OpenCase(supervisor, name, at.Lat, at.Lon, level: "public", lastSeenAt: lastSeenAt)).GetProperty("id").GetString()!;
}
