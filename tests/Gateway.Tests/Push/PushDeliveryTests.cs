using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// Issue 14: alerts reach a closed page through its browser's push service. The tests' own push
/// service checks each request as a real one would (VAPID JWT, aes128gcm decrypted with the
/// subscription's private key) and the test reads what the service worker would show.
/// </summary>
[Trait("Category", "Push")]
public sealed class PushDeliveryTests(PushGatewayFixture fixture) : IClassFixture<PushGatewayFixture>
{
    private TestPushService Service => fixture.PushService;

    [Fact]
    public async Task A_new_alert_is_pushed_signed_encrypted_with_high_urgency_a_ttl_within_24_hours_and_the_case_topic()
    {
        var at = fixture.NextPlace();
        var (_, _, push) = await fixture.PushSubscriber("new-1", at, language: "sq");
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        var received = await PushOf("new-1", push, caseId, "new");

        VapidCheck.Verify(received.Request.Authorization, GatewayFactory.Vapid.PublicKey, Service.Origin, DateTimeOffset.UtcNow);
        Assert.Equal("aes128gcm", received.Request.ContentEncoding);
        Assert.Equal("high", received.Request.Urgency);
        Assert.InRange(int.Parse(received.Request.Ttl!, System.Globalization.CultureInfo.InvariantCulture), 23 * 3600, 24 * 3600);
        AssertTopic(received.Request.Topic);
        Assert.Equal("sq", received.Payload.GetProperty("language").GetString());
        Assert.Equal(1, received.Payload.GetProperty("version").GetInt64());
        Assert.Contains("Ana", received.Payload.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Fëmijë i zhdukur", received.Payload.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(received.Payload.GetProperty("text").GetString()));
        Assert.True(received.Request.Body.Length <= 2048 + 200, "payload of at most 2 KB plus the encryption's overhead");
    }

    [Fact]
    public async Task An_update_is_pushed_with_normal_urgency_and_the_same_topic_as_the_new()
    {
        var at = fixture.NextPlace();
        var (_, _, push) = await fixture.PushSubscriber("update-1", at);
        using var supervisor = await fixture.Supervisor();
        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        var first = await PushOf("update-1", push, caseId, "new");

        var sighting = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings",
            new { lat = at.Lat + 0.005, lon = at.Lon, seenAt = DateTimeOffset.UtcNow, description = "bus stop" });
        Assert.True(sighting.IsSuccessStatusCode);
        var update = await PushOf("update-1", push, caseId, "update");

        VapidCheck.Verify(update.Request.Authorization, GatewayFactory.Vapid.PublicKey, Service.Origin, DateTimeOffset.UtcNow);
        Assert.Null(update.Request.Urgency); // RFC 8030 §5.3: no header is normal
        Assert.Equal(first.Request.Topic, update.Request.Topic);
        Assert.True(update.Payload.GetProperty("version").GetInt64() > 1);
        Assert.StartsWith("Update: missing child Ana", update.Payload.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", update.Payload.GetProperty("language").GetString());
        Assert.InRange(int.Parse(update.Request.Ttl!, System.Globalization.CultureInfo.InvariantCulture), 1, 24 * 3600);
    }

    [Fact]
    public async Task A_cancel_is_pushed_without_the_childs_name()
    {
        var at = fixture.NextPlace();
        var (_, _, push) = await fixture.PushSubscriber("cancel-1", at, language: "mk");
        using var supervisor = await fixture.Supervisor();
        var caseId = await OpenPublicCase(supervisor, "Zlatana", at);
        var first = await PushOf("cancel-1", push, caseId, "new");

        var resolved = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found", note = "home safe" });
        Assert.True(resolved.IsSuccessStatusCode);
        var cancel = await PushOf("cancel-1", push, caseId, "cancel");

        VapidCheck.Verify(cancel.Request.Authorization, GatewayFactory.Vapid.PublicKey, Service.Origin, DateTimeOffset.UtcNow);
        Assert.Null(cancel.Request.Urgency);
        Assert.Equal(first.Request.Topic, cancel.Request.Topic);
        Assert.Equal("mk", cancel.Payload.GetProperty("language").GetString());
        Assert.Equal("Предупредувањето е повлечено", cancel.Payload.GetProperty("headline").GetString());
        Assert.DoesNotContain("Zlatana", cancel.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("photo", cancel.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_push_of_a_batch_is_encrypted_under_a_key_pair_and_salt_of_its_own()
    {
        var at = fixture.NextPlace();
        var subscribers = new List<(string Name, TestPushSubscription Push)>();
        for (var i = 0; i < 6; i++)
        {
            var name = $"fresh-{i}";
            var (_, _, push) = await fixture.PushSubscriber(name, at);
            subscribers.Add((name, push));
        }

        using var supervisor = await fixture.Supervisor();
        var caseId = await OpenPublicCase(supervisor, "Ana", at);

        var bodies = new List<byte[]>();
        foreach (var (name, push) in subscribers)
        {
            var received = await PushOf(name, push, caseId, "new");
            Assert.Equal("new", received.Payload.GetProperty("kind").GetString());
            bodies.Add(received.Request.Body);
        }

        Assert.Equal(bodies.Count, bodies.Select(b => Convert.ToHexString(b, 0, 16)).Distinct().Count());
        Assert.Equal(bodies.Count, bodies.Select(b => Convert.ToHexString(b, 21, 65)).Distinct().Count());
    }

    [Fact]
    public async Task Pushes_go_over_HTTP_2_to_a_push_service_that_offers_it()
    {
        var at = fixture.NextPlace();
        var (_, _, push) = await fixture.PushSubscriber("h2-1", at);
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        var received = await PushOf("h2-1", push, caseId, "new");

        Assert.Equal("HTTP/2", received.Request.Protocol);
    }

    [Fact]
    public async Task No_log_line_names_a_push_endpoint_at_any_level()
    {
        var at = fixture.NextPlace();
        var (_, _, push) = await fixture.PushSubscriber("quiet-endpoint-1", at);
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        await PushOf("quiet-endpoint-1", push, caseId, "new");

        // The request went out and was logged about (the worker's lines): none of it carries the capability URL.
        Assert.NotEmpty(fixture.Log.Lines);
        Assert.DoesNotContain(fixture.Log.Lines, l => l.Contains("/push/quiet-endpoint-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_410_from_the_push_service_deletes_the_subscription()
    {
        var at = fixture.NextPlace();
        Service.Script("gone-1", (410, null));
        var (id, _, push) = await fixture.PushSubscriber("gone-1", at);
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        await Service.WaitFor(r => r.Name == "gone-1");

        await Eventually(async () => await fixture.StoredPush(id) is null);
        // The next alert for it goes nowhere: a control subscriber's push proves the batch went out.
        var (_, _, control) = await fixture.PushSubscriber("gone-control", at);
        await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings",
            new { lat = at.Lat + 0.002, lon = at.Lon, seenAt = DateTimeOffset.UtcNow, description = "park" });
        await PushOf("gone-control", control, caseId, "update");
        Assert.Single(Service.To("gone-1"));
    }

    [Fact]
    public async Task A_404_from_the_push_service_deletes_the_subscription_too()
    {
        var at = fixture.NextPlace();
        Service.Script("gone-404", (404, null));
        var (id, _, _) = await fixture.PushSubscriber("gone-404", at);
        using var supervisor = await fixture.Supervisor();

        await OpenPublicCase(supervisor, "Ana", at);

        await Eventually(async () => await fixture.StoredPush(id) is null);
    }

    [Fact]
    public async Task A_429_with_retry_after_2_is_sent_again_after_two_seconds_not_before()
    {
        var at = fixture.NextPlace();
        Service.Script("slow-1", (429, "2"));
        var (_, _, push) = await fixture.PushSubscriber("slow-1", at);
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        var accepted = await PushOf("slow-1", push, caseId, "new");

        var requests = Service.To("slow-1");
        Assert.Equal(2, requests.Count);
        Assert.Equal(429, requests[0].Status);
        Assert.Equal(201, requests[1].Status);
        var waited = Stopwatch.GetElapsedTime(requests[0].AnsweredTicks, requests[1].ReceivedTicks);
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"sent again {waited.TotalMilliseconds:F0} ms after the 429, not after 2 s");
        Assert.Equal("new", accepted.Payload.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_503_is_retried_until_the_push_service_accepts()
    {
        var at = fixture.NextPlace();
        Service.Script("flaky-1", (503, null), (502, null));
        var (_, _, push) = await fixture.PushSubscriber("flaky-1", at);
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        await PushOf("flaky-1", push, caseId, "new");

        Assert.Equal([503, 502, 201], Service.To("flaky-1").Select(r => r.Status));
    }

    [Fact]
    public async Task A_first_alert_accepted_by_the_push_service_is_counted_as_pushed_apart_from_delivered()
    {
        // The phone holds no hub connection: the alert reached it only by push, so it is not delivered.
        var at = fixture.NextPlace();
        var (_, _, push) = await fixture.PushSubscriber("stats-1", at);
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        await PushOf("stats-1", push, caseId, "new");

        await Eventually(async () =>
        {
            var view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            var stats = view.GetProperty("stats");
            return stats.GetProperty("pushed").GetInt64() == 1;
        });
        var figures = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("stats");
        Assert.Equal(1, figures.GetProperty("alerted").GetInt64());
        Assert.Equal(0, figures.GetProperty("delivered").GetInt64());
    }

    [Fact]
    public async Task Accepted_and_gone_pushes_are_counted_on_the_meter()
    {
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "EarlyWarning" && instrument.Name.StartsWith("earlywarning.push.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts.AddOrUpdate(instrument.Name, value, (_, n) => n + value));
        listener.Start();
        var at = fixture.NextPlace();
        Service.Script("metrics-gone", (410, null));
        var (_, _, accepted) = await fixture.PushSubscriber("metrics-ok", at);
        var (goneId, _, _) = await fixture.PushSubscriber("metrics-gone", at);
        using var supervisor = await fixture.Supervisor();

        var caseId = await OpenPublicCase(supervisor, "Ana", at);
        await PushOf("metrics-ok", accepted, caseId, "new");
        await Eventually(async () => await fixture.StoredPush(goneId) is null);

        await Eventually(() => Task.FromResult(
            counts.GetValueOrDefault("earlywarning.push.sent") >= 1 && counts.GetValueOrDefault("earlywarning.push.expired") >= 1));
    }

    [Fact]
    public async Task After_delete_push_no_more_pushes_reach_the_subscriber()
    {
        var at = fixture.NextPlace();
        var (id, client, _) = await fixture.PushSubscriber("deleted-1", at);
        var (_, _, control) = await fixture.PushSubscriber("deleted-control", at);

        var deleted = await client.DeleteAsync("/api/subscribers/me/push");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var supervisor = await fixture.Supervisor();
        var caseId = await OpenPublicCase(supervisor, "Ana", at);

        await PushOf("deleted-control", control, caseId, "new");
        Assert.Empty(Service.To("deleted-1"));
        Assert.Null(await fixture.StoredPush(id));
    }

    [Fact]
    public async Task A_field_account_signed_in_on_two_phones_is_pushed_on_both_until_one_turns_pushes_off()
    {
        var at = fixture.NextPlace();
        using var first = new TestPushSubscription(Service.Endpoint("two-phones-1"));
        using var second = new TestPushSubscription(Service.Endpoint("two-phones-2"));
        var token = await fixture.TokenFor("field5", "field-demo");
        using var phone = fixture.Gateway.CreateClient();
        phone.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsJsonAsync("/api/subscribers/me/push", first.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsJsonAsync("/api/subscribers/me/push", second.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsJsonAsync("/api/subscribers/me/location", new { lat = at.Lat, lon = at.Lon })).StatusCode);
        using var supervisor = await fixture.Supervisor();

        var caseId = (await Requests.OpenCase(supervisor, "Ana", at.Lat, at.Lon)).GetProperty("id").GetString()!;
        await PushOf("two-phones-1", first, caseId, "new");
        await PushOf("two-phones-2", second, caseId, "new");

        // The first phone signs out: its pushes stop, the second's go on.
        var off = await phone.DeleteAsync($"/api/subscribers/me/push?endpoint={Uri.EscapeDataString(first.Endpoint)}");
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings",
            new { lat = at.Lat + 0.002, lon = at.Lon, seenAt = DateTimeOffset.UtcNow, description = "park" });
        await PushOf("two-phones-2", second, caseId, "update");
        Assert.Single(Service.To("two-phones-1"));
    }

    [Fact]
    public async Task Unsubscribing_erases_the_push_subscription_too()
    {
        var at = fixture.NextPlace();
        var (id, client, _) = await fixture.PushSubscriber("erased-1", at);
        Assert.NotNull(await fixture.StoredPush(id));

        var response = await client.DeleteAsync("/api/subscribers/me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await fixture.StoredPush(id));
    }

    [Fact]
    public async Task A_new_queued_here_after_its_case_was_resolved_through_another_gateway_is_not_pushed()
    {
        var at = fixture.NextPlace();
        var (subscriberId, _, push) = await fixture.PushSubscriber("ended-1", at);
        using var supervisor = await fixture.Supervisor();
        // Opened and resolved where nobody here is subscribed: its cancel marked nothing in this outbox.
        var resolvedId = await OpenPublicCase(supervisor, "Vesna", fixture.NextPlace());
        (await supervisor.PostAsJsonAsync($"/api/cases/{resolvedId}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();

        // A tile's late batch, as a region whose call to another gateway timed out sends it again here.
        var outbox = fixture.Gateway.Services.GetRequiredService<PushOutbox>();
        await outbox.Enqueue(new AlertBatch(
            resolvedId, 2, CaseLevel.Public, DateTimeOffset.UtcNow, new ChildProfile("Vesna", 8, "f", "Green coat", null), [],
            [new AlertRecipient(subscriberId, AlertKind.New, "en", 0.5, Push: true)]));
        var activeId = await OpenPublicCase(supervisor, "Ana", at);
        await PushOf("ended-1", push, activeId, "new");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.DoesNotContain(Service.To("ended-1"), r => Matches(r, push, resolvedId, "new"));
        Assert.DoesNotContain("Vesna", string.Concat(Service.To("ended-1").Select(r => WebPushDecryption.DecryptText(r.Body, push))), StringComparison.Ordinal);
    }

    private static async Task<string> OpenPublicCase(HttpClient supervisor, string name, (double Lat, double Lon) at)
    {
        var opened = await Requests.OpenCase(supervisor, name, at.Lat, at.Lon, level: "public");
        return opened.GetProperty("id").GetString()!;
    }

    /// <summary>Waits for the push of <paramref name="kind"/> for the case to the named subscription; decrypts it.</summary>
    private async Task<(ReceivedPush Request, string Text, JsonElement Payload)> PushOf(string name, TestPushSubscription push, string caseId, string kind)
    {
        var request = await Service.WaitFor(r => r.Name == name && r.Status == 201 && Matches(r, push, caseId, kind));
        var text = WebPushDecryption.DecryptText(request.Body, push);
        return (request, text, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static bool Matches(ReceivedPush request, TestPushSubscription push, string caseId, string kind)
    {
        var payload = JsonDocument.Parse(WebPushDecryption.Decrypt(request.Body, push)).RootElement;
        return payload.GetProperty("caseId").GetString() == caseId && payload.GetProperty("kind").GetString() == kind;
    }

    private static void AssertTopic(string? topic)
    {
        Assert.NotNull(topic);
        Assert.InRange(topic.Length, 1, 32);
        Assert.Matches("^[A-Za-z0-9_-]+$", topic);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the condition did not hold within 15 s");
            await Task.Delay(50);
        }
    }
}
