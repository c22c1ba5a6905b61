using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Gateway.Tests.Push;

namespace EarlyWarning.Gateway.Tests.Privacy;

/// <summary>
/// Marker strings planted in everything personal a case holds — the child's name and description,
/// its photo, reporters' and hotline callers' contacts, who gave the family's consent, the case's
/// category, the referral of the found child, a field team's position, an operator's internal note — then every payload
/// the public can read, taken as the public takes it: the hub messages and Web Push messages a
/// public subscriber gets, CAP and Atom, the public API routes and the public pages, a case's own
/// page (/c/{id}) among them. No contact, no field position and no internal note ever; after
/// resolve, within a second, no name, description or photo (its URL answers 410).
/// </summary>
[Trait("Category", "Privacy")]
public sealed class PrivacyScanTests(PushGatewayFixture fixture) : IClassFixture<PushGatewayFixture>
{
    private const string Name = "Zzname Privacyscan";
    private const string Description = "zzdescription striped raincoat";
    private const string OperatorContact = "zzcontact-operator +389 70 000 001";
    private const string AnonymousContact = "zzcontact-anonymous@example.org";
    private const string SightingText = "zzsighting by the bakery";
    private const string Note = "zznote-internal family asked for discretion";
    private const string HotlineContact = "zzcontact-hotline caller +389 2 000 116";
    private const string Consent = "zzconsent the child's aunt";
    private const string ReferralBody = "zzreferral Centre for Social Work Skopje";

    // A field team's position, digits no zone or subscriber here shares.
    private const double FieldLat = 41.973197, FieldLon = 21.458731;

    /// <summary>Never public, while the case is active or after.</summary>
    private static readonly string[] NeverPublic = ["zzcontact", "zznote", "zzconsent", "zzreferral", "case:trafficking", "case:found-harmed", "41.973197", "21.458731", "41.97319", "21.45873"];

    /// <summary>Public while a public case is active, gone once it is resolved.</summary>
    private static readonly string[] GoneAfterResolve = ["Zzname", "Privacyscan", "zzdescription", "zzsighting"];

    private static readonly string[] ControlRoomMethods = ["caseChanged", "sightingReported", "dispatchStats", "fieldTeamMoved"];

    [Fact]
    public async Task No_public_payload_carries_a_contact_a_field_position_or_a_note_and_after_resolve_none_names_the_child()
    {
        var place = fixture.NextPlace();
        var (subscriberId, subscriber, push) = await fixture.PushSubscriber("privacy-scan", place);
        using var _ = push;
        await using var hub = await GatewayFactory.ConnectHubAsync(fixture.Gateway, subscriber.DefaultRequestHeaders.Authorization!.Parameter!);
        var alerts = new AlertInbox(hub);
        // Control-room messages a public connection must never get at all.
        var controlRoom = ControlRoomMethods.Select(method => (method, new AlertInbox(hub, method))).ToList();

        using var supervisor = await fixture.Supervisor();
        using var field = await FieldTeam();
        (await field.PutAsJsonAsync("/api/subscribers/me/location", new { lat = FieldLat, lon = FieldLon })).EnsureSuccessStatusCode();
        var opened = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = Name, age = 9, description = Description },
            lastSeen = new { lat = place.Lat + 0.004, lon = place.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-10) },
            travelMode = "walking",
            category = "suspected-trafficking",
        });
        opened.EnsureSuccessStatusCode();
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/escalate", new
        {
            consent = new { givenBy = Consent, method = "phone", givenAt = DateTimeOffset.UtcNow.AddMinutes(-3) },
        })).EnsureSuccessStatusCode();
        await alerts.WaitFor(AlertInbox.Is(caseId, "new"), "new");
        var uploaded = await supervisor.PostAsync($"/api/cases/{caseId}/photo", Photos.TestImages.Form(Photos.TestImages.Jpeg()));
        Assert.Equal(System.Net.HttpStatusCode.Created, uploaded.StatusCode);
        var photoUrl = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoUrl").GetString()!;
        var photoId = photoUrl[(photoUrl.LastIndexOf('/') + 1)..];

        (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new
        {
            lat = place.Lat + 0.006, lon = place.Lon + 0.002, seenAt = DateTimeOffset.UtcNow.AddMinutes(-2),
            description = SightingText, reporterContact = OperatorContact,
        })).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new
        {
            lat = place.Lat + 0.01, lon = place.Lon, seenAt = DateTimeOffset.UtcNow.AddMinutes(-3),
            description = "caller saw a girl at the bus station", reporterContact = HotlineContact, channel = "hotline",
        })).EnsureSuccessStatusCode();
        using var anonymous = fixture.Gateway.CreateClient();
        var tip = await anonymous.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new
        {
            lat = place.Lat, lon = place.Lon + 0.003, seenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            description = "a child in a striped coat", reporterContact = AnonymousContact,
        });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, tip.StatusCode);
        await alerts.WaitFor(m => AlertInbox.Is(caseId, "update")(m), "update");
        await fixture.PushService.WaitFor(r => r.Name == "privacy-scan" && Kind(r, push, caseId) == "update");

        var active = await PublicPayloads(anonymous, subscriber, caseId);
        active.Add(("anonymous tip's answer", await tip.Content.ReadAsStringAsync()));
        active.AddRange(alerts.Received.Select(m => ("hub alert", m.GetRawText())));
        active.AddRange(Pushes(push, caseId).Select(p => ("push", p)));
        AssertNone(active, NeverPublic);
        // The scan itself works: the active public case is in these payloads by name and photo.
        Assert.Contains(active, p => p.Body.Contains(Name, StringComparison.Ordinal));
        Assert.Contains(active, p => p.Body.Contains(photoId, StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync(photoUrl)).StatusCode);

        var resolvedAt = DateTimeOffset.UtcNow;
        (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new
        {
            outcome = "found", detail = "found-harmed", note = Note,
            referral = new { mechanism = "national-referral-mechanism", receivingBody = ReferralBody, referredAt = DateTimeOffset.UtcNow },
        })).EnsureSuccessStatusCode();
        var afterResolve = await PublicPayloads(anonymous, subscriber, caseId);
        afterResolve.Add(("anonymous GET the photo", await Body(await anonymous.GetAsync(photoUrl))));
        afterResolve.Add(("subscriber GET the photo", await Body(await subscriber.GetAsync(photoUrl))));
        Assert.True(DateTimeOffset.UtcNow - resolvedAt < TimeSpan.FromSeconds(1), "the public reads after resolve took over a second");
        var cancel = await alerts.WaitFor(AlertInbox.Is(caseId, "cancel"), "cancel");
        await fixture.PushService.WaitFor(r => r.Name == "privacy-scan" && Kind(r, push, caseId) == "cancel");
        afterResolve.Add(("hub cancel", cancel.GetRawText()));
        afterResolve.AddRange(Pushes(push, caseId).Where(p => p.Contains("\"cancel\"", StringComparison.Ordinal)).Select(p => ("push cancel", p)));
        AssertNone(afterResolve, [.. NeverPublic, .. GoneAfterResolve, photoId]);
        Assert.All(afterResolve.Where(p => p.Where.EndsWith("the photo", StringComparison.Ordinal)), p => Assert.StartsWith("410 ", p.Body, StringComparison.Ordinal));
        AssertNone(alerts.Received.Select(m => ("hub alert", m.GetRawText())).ToList(), NeverPublic);

        foreach (var (method, inbox) in controlRoom)
        {
            Assert.True(inbox.Received.Count == 0, $"a public subscriber's connection got '{method}'");
        }

        Assert.NotEmpty(subscriberId);
    }

    /// <summary>What anyone, or a public subscriber with its token, can read about the case.</summary>
    private static async Task<List<(string Where, string Body)>> PublicPayloads(HttpClient anonymous, HttpClient subscriber, string caseId)
    {
        var read = new List<(string, string)>();
        foreach (var path in new[] { $"/api/cap/{caseId}", "/api/cap/alerts.atom", "/api/pages/config", "/public", "/field", "/", "/api/push/key", $"/api/cases/{caseId}", $"/api/cases/{caseId}/zone", $"/c/{caseId}", $"/c/{caseId}?lang=en", $"/api/public/cases/{caseId}" })
        {
            read.Add(($"anonymous GET {path}", await Body(await anonymous.GetAsync(path))));
        }

        foreach (var path in new[] { "/api/subscribers/me/alerts", $"/api/cases/{caseId}", $"/api/cases/{caseId}/zone", $"/api/cases/{caseId}/timeline", $"/api/cap/{caseId}", $"/c/{caseId}", $"/api/public/cases/{caseId}" })
        {
            read.Add(($"subscriber GET {path}", await Body(await subscriber.GetAsync(path))));
        }

        return read;
    }

    private static async Task<string> Body(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";

    private static void AssertNone(List<(string Where, string Body)> payloads, string[] markers)
    {
        var found = new StringBuilder();
        foreach (var (where, body) in payloads)
        {
            var page = !where.Contains("/api/", StringComparison.Ordinal) && where.StartsWith("anonymous GET", StringComparison.Ordinal);
            foreach (var marker in markers)
            {
                // A case's own category and outcome, not the words on a page's forms (the control
                // room's static page lists every category).
                var text = marker.StartsWith("case:", StringComparison.Ordinal) ? marker[5..] : marker;
                if ((!page || text == marker) && body.Contains(text, StringComparison.OrdinalIgnoreCase))
                {
                    found.AppendLine($"'{text}' in {where}");
                }
            }
        }

        Assert.True(found.Length == 0, $"personal data in public payloads:\n{found}");
    }

    private static string? Kind(ReceivedPush received, TestPushSubscription push, string caseId)
    {
        var message = JsonDocument.Parse(WebPushDecryption.Decrypt(received.Body, push)).RootElement;
        return message.GetProperty("caseId").GetString() == caseId ? message.GetProperty("kind").GetString() : null;
    }

    private IEnumerable<string> Pushes(TestPushSubscription push, string caseId) =>
        fixture.PushService.To("privacy-scan").Where(r => r.Status == 201 && Kind(r, push, caseId) is not null)
            .Select(r => WebPushDecryption.DecryptText(r.Body, push));

    private async Task<HttpClient> FieldTeam()
    {
        var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.TokenFor("field3", "field-demo"));
        return client;
    }
}
