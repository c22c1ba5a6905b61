using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>Tips logged from every channel, categories, outcomes and referrals, and the one-approver escalate of old.</summary>
[Trait("Category", "Safeguarding")]
public sealed class TipAndOutcomeEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const string CallerContact = "+389 70 116 000 caller";

    [Fact]
    public async Task With_one_approver_a_bodiless_escalate_still_answers_200_public_and_the_timeline_says_consent_was_not_recorded()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.61, 22.01)).GetProperty("id").GetString()!;

        var response = await supervisor.PostAsync($"/api/cases/{id}/escalate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("level").GetString());
        var escalated = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))![^1];
        Assert.Equal(("escalated", "not-recorded"), (escalated.GetProperty("kind").GetString(), escalated.GetProperty("data").GetProperty("consent").GetString()));
    }

    [Fact]
    public async Task A_tip_an_operator_logs_from_the_hotline_is_pending_moves_no_zone_and_its_contact_stays_with_operators()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ivana", 41.62, 22.02, level: "public")).GetProperty("id").GetString()!;

        var logged = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            lat = 41.63, lon = 22.03, seenAt = DateTimeOffset.UtcNow.AddMinutes(-3), description = "Caller saw her at the bus station",
            reporterContact = CallerContact, channel = "hotline",
        });

        Assert.Equal(HttpStatusCode.Accepted, logged.StatusCode);
        var tip = await logged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", "hotline", CallerContact), (tip.GetProperty("status").GetString(), tip.GetProperty("channel").GetString(), tip.GetProperty("reporterContact").GetString()));
        var zone = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/zone");
        Assert.Equal(1, zone.GetProperty("properties").GetProperty("anchors").GetArrayLength());

        // Field teams, partner feeds and anonymous callers never see the caller's contact.
        using var field = await factory.CreateClientAs("field1");
        using var anonymous = factory.CreateClient();
        Assert.DoesNotContain(CallerContact, await field.GetStringAsync($"/api/cases/{id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(CallerContact, await anonymous.GetStringAsync($"/api/cap/{id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(CallerContact, await anonymous.GetStringAsync("/api/cap/alerts.atom"), StringComparison.Ordinal);

        var verified = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/sightings/{tip.GetProperty("id").GetString()}/verify", new { reason = "Station CCTV confirms it" });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var review = (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review");
        Assert.Equal(("operator", "Station CCTV confirms it"), (review.GetProperty("by").GetString(), review.GetProperty("reason").GetString()));
        zone = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/zone");
        Assert.Equal(2, zone.GetProperty("properties").GetProperty("anchors").GetArrayLength());
    }

    [Fact]
    public async Task An_anonymous_report_may_not_claim_a_channel_and_a_duplicate_must_name_an_earlier_sighting()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(operatorClient, "Mila", 41.64, 22.04)).GetProperty("id").GetString()!;
        using var anonymous = factory.CreateClient();
        object Tip(string channel) => new { lat = 41.64, lon = 22.05, seenAt = DateTimeOffset.UtcNow, description = "Seen by the river", channel };

        var claimed = await anonymous.PostAsJsonAsync($"/api/cases/{id}/sightings", Tip("police"));
        var first = await (await operatorClient.PostAsJsonAsync($"/api/cases/{id}/sightings", Tip("police"))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await operatorClient.PostAsJsonAsync($"/api/cases/{id}/sightings", Tip("ngo"))).Content.ReadFromJsonAsync<JsonElement>();
        var secondUrl = $"/api/cases/{id}/sightings/{second.GetProperty("id").GetString()}";
        var unknown = await operatorClient.PostAsJsonAsync($"{secondUrl}/reject", new { duplicateOf = "s-not-in-this-case" });
        var onVerify = await operatorClient.PostAsJsonAsync($"{secondUrl}/verify", new { duplicateOf = first.GetProperty("id").GetString() });
        var linked = await operatorClient.PostAsJsonAsync($"{secondUrl}/reject", new { reason = "Same sighting", duplicateOf = first.GetProperty("id").GetString() });

        Assert.Equal(HttpStatusCode.BadRequest, claimed.StatusCode);
        Assert.Equal(["channel"], Requests.ErrorFields(await Requests.Problem(claimed)));
        Assert.Equal(("pending", "pending"), (first.GetProperty("status").GetString(), second.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["duplicateOf"], Requests.ErrorFields(await Requests.Problem(unknown)));
        Assert.Equal(HttpStatusCode.BadRequest, onVerify.StatusCode);
        Assert.Equal(["duplicateOf"], Requests.ErrorFields(await Requests.Problem(onVerify)));
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var rejected = await linked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("rejected", first.GetProperty("id").GetString()), (rejected.GetProperty("status").GetString(), rejected.GetProperty("review").GetProperty("duplicateOf").GetString()));
    }

    [Fact]
    public async Task A_category_is_kept_and_filtered_and_a_trafficking_case_is_resolved_only_with_a_referral_that_stays_internal()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var body = JsonSerializer.SerializeToNode(Requests.NewCase("Teodora", 41.66, 22.06))!.AsObject();
        body["category"] = "suspected-trafficking";
        var opened = await operatorClient.PostAsJsonAsync("/api/cases", body);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var badCategory = body.DeepClone().AsObject();
        badCategory["category"] = "kidnapped-by-aliens";

        var badOpen = await operatorClient.PostAsJsonAsync("/api/cases", badCategory);
        var badFilter = await operatorClient.GetAsync("/api/cases?category=aliens&outcome=maybe");
        var filtered = await operatorClient.GetFromJsonAsync<JsonElement[]>("/api/cases?status=active&category=suspected-trafficking");
        var noReferral = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found", detail = "found-harmed" });
        var mismatch = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "cancelled", detail = "found-safe" });
        var resolved = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/resolve", new
        {
            outcome = "found", detail = "found-harmed",
            // A blank referredBy is not given: the signed-in operator made the referral.
            referral = new { mechanism = "social-services", receivingBody = "Centre for Social Work Kumanovo", referredAt = DateTimeOffset.UtcNow, referredBy = "   " },
        });

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badOpen.StatusCode);
        Assert.Contains(Requests.ErrorFields(await Requests.Problem(badOpen)), f => f.Contains("category", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(["category", "outcome"], Requests.ErrorFields(await Requests.Problem(badFilter)).Order());
        Assert.Contains(filtered!, c => c.GetProperty("id").GetString() == id && c.GetProperty("category").GetString() == "suspected-trafficking");
        Assert.Equal(HttpStatusCode.BadRequest, noReferral.StatusCode);
        Assert.Equal(["referral"], Requests.ErrorFields(await Requests.Problem(noReferral)));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal(["detail"], Requests.ErrorFields(await Requests.Problem(mismatch)));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var c = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("found", "found-harmed"), (c.GetProperty("outcome").GetString(), c.GetProperty("detail").GetString()));
        Assert.Equal(("social-services", "operator"), (c.GetProperty("referral").GetProperty("mechanism").GetString(), c.GetProperty("referral").GetProperty("referredBy").GetString()));
        var byOutcome = await operatorClient.GetFromJsonAsync<JsonElement[]>("/api/cases?status=resolved&outcome=found&detail=found-harmed");
        Assert.Contains(byOutcome!, s => s.GetProperty("id").GetString() == id);
        using var anonymous = factory.CreateClient();
        Assert.DoesNotContain("Kumanovo", await anonymous.GetStringAsync("/api/cap/alerts.atom"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_referral_is_400_naming_each_field_and_the_case_stays_active()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(operatorClient, "Vera", 41.67, 22.07)).GetProperty("id").GetString()!;

        var bad = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/resolve", new
        {
            outcome = "cancelled",
            referral = new { receivingBody = "", referredAt = DateTimeOffset.UtcNow.AddDays(1) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(
            ["referral", "referral.mechanism", "referral.receivingBody", "referral.referredAt"],
            Requests.ErrorFields(await Requests.Problem(bad)).Order());
        Assert.Equal("active", (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("status").GetString());
    }
}
