using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>POST …/escalate with consent, …/escalation/approve and /reject, with two approvers (the shipped default).</summary>
[Trait("Category", "Safeguarding")]
public sealed class EscalationApprovalEndpointsTests(SecondApproverGateway gateway) : IClassFixture<SecondApproverGateway>
{
    private GatewayFactory Factory => gateway.Factory;

    private static object Consent(string givenBy = "Mother, Vesna Petrova") =>
        new { consent = new { givenBy, method = "in-person", givenAt = DateTimeOffset.UtcNow.AddMinutes(-10) } };

    [Fact]
    public async Task A_request_with_consent_answers_202_waits_in_the_list_and_a_second_supervisor_approves_it_to_public()
    {
        using var supervisor = await Factory.CreateClientAs("supervisor");
        using var second = await Factory.CreateClientAs("supervisor2");
        var id = (await Requests.OpenCase(supervisor, "Marija", 41.55, 21.95)).GetProperty("id").GetString()!;

        var requested = await supervisor.PostAsJsonAsync($"/api/cases/{id}/escalate", Consent());

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var request = await requested.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", "supervisor", id), (request.GetProperty("status").GetString(), request.GetProperty("requestedBy").GetString(), request.GetProperty("caseId").GetString()));
        Assert.Equal("in-person", request.GetProperty("consent").GetProperty("method").GetString());
        var waiting = await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases?escalation=pending");
        Assert.Contains(waiting!, c => c.GetProperty("id").GetString() == id && c.GetProperty("escalationPending").GetBoolean());
        Assert.Equal("internal", (await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("level").GetString());

        var own = await supervisor.PostAsync($"/api/cases/{id}/escalation/approve", null);
        var approved = await second.PostAsync($"/api/cases/{id}/escalation/approve", null);
        var again = await second.PostAsync($"/api/cases/{id}/escalation/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        await Requests.Problem(own);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var published = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("public", published.GetProperty("level").GetString());
        Assert.Equal(("approved", "supervisor2"), (published.GetProperty("escalation").GetProperty("status").GetString(), published.GetProperty("escalation").GetProperty("decidedBy").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await Requests.Problem(again);
        var kinds = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))!.Select(e => e.GetProperty("kind").GetString());
        Assert.Equal(["opened", "escalation-requested", "escalation-approved", "escalated"], kinds);
        Assert.DoesNotContain(await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases?escalation=pending") ?? [], c => c.GetProperty("id").GetString() == id);

        // The family member's name is the control room's: not in the partner feeds of the now public case.
        using var anonymous = Factory.CreateClient();
        Assert.DoesNotContain("Vesna", await anonymous.GetStringAsync($"/api/cap/{id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("Vesna", await anonymous.GetStringAsync("/api/cap/alerts.atom"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_consent_or_a_reason_is_400_naming_consent_and_nothing_waits()
    {
        using var supervisor = await Factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Elena", 41.56, 21.96)).GetProperty("id").GetString()!;

        var bodiless = await supervisor.PostAsync($"/api/cases/{id}/escalate", null);
        var empty = await supervisor.PostAsJsonAsync($"/api/cases/{id}/escalate", new { });

        foreach (var response in new[] { bodiless, empty })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["consent"], Requests.ErrorFields(await Requests.Problem(response)));
        }

        var c = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(("internal", 1), (c.GetProperty("level").GetString(), c.GetProperty("version").GetInt32()));
        Assert.False(c.TryGetProperty("escalation", out _));
    }

    [Fact]
    public async Task Bad_consent_is_400_naming_each_field_and_a_reason_publishes_without_consent()
    {
        using var supervisor = await Factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Sara", 41.57, 21.97)).GetProperty("id").GetString()!;

        var bad = await supervisor.PostAsJsonAsync($"/api/cases/{id}/escalate", new
        {
            consent = new { givenBy = " ", givenAt = DateTimeOffset.UtcNow.AddHours(2) },
            reasonWithoutConsent = "also a reason",
        });
        var badMethod = await supervisor.PostAsJsonAsync($"/api/cases/{id}/escalate", new
        {
            consent = new { givenBy = "Father", method = "carrier-pigeon", givenAt = DateTimeOffset.UtcNow },
        });
        var withReason = await supervisor.PostAsJsonAsync($"/api/cases/{id}/escalate", new { reasonWithoutConsent = "Both parents are suspects; the child is in danger" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(
            ["consent.givenAt", "consent.givenBy", "consent.method", "reasonWithoutConsent"],
            Requests.ErrorFields(await Requests.Problem(bad)).Order());
        Assert.Equal(HttpStatusCode.BadRequest, badMethod.StatusCode);
        Assert.Contains(Requests.ErrorFields(await Requests.Problem(badMethod)), f => f.Contains("method", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Accepted, withReason.StatusCode);
        var requested = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))![^1];
        Assert.Equal(("none", "Both parents are suspects; the child is in danger"),
            (requested.GetProperty("data").GetProperty("consent").GetString(), requested.GetProperty("data").GetProperty("reasonWithoutConsent").GetString()));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_keeps_the_case_internal_and_leaves_nothing_to_approve()
    {
        using var supervisor = await Factory.CreateClientAs("supervisor");
        using var second = await Factory.CreateClientAs("supervisor2");
        var id = (await Requests.OpenCase(supervisor, "Jana", 41.58, 21.98)).GetProperty("id").GetString()!;
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/escalate", Consent());

        var noReason = await second.PostAsJsonAsync($"/api/cases/{id}/escalation/reject", new { reason = "" });
        var rejected = await second.PostAsJsonAsync($"/api/cases/{id}/escalation/reject", new { reason = "The mother withdrew her consent" });
        var approveAfter = await second.PostAsync($"/api/cases/{id}/escalation/approve", null);
        using var operatorClient = await Factory.CreateClientAs("operator");
        var byOperator = await operatorClient.PostAsync($"/api/cases/{id}/escalation/approve", null);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(["reason"], Requests.ErrorFields(await Requests.Problem(noReason)));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var c = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("internal", "rejected", "The mother withdrew her consent"),
            (c.GetProperty("level").GetString(), c.GetProperty("escalation").GetProperty("status").GetString(), c.GetProperty("escalation").GetProperty("decisionReason").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, approveAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
    }

    [Fact]
    public async Task Opening_a_case_public_at_once_is_400_naming_level_and_opens_nothing()
    {
        using var supervisor = await Factory.CreateClientAs("supervisor");
        var name = $"Lina-{Guid.NewGuid():N}";

        var response = await supervisor.PostAsJsonAsync("/api/cases", Requests.NewCase(name, 41.59, 21.99, level: "public"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["level"], Requests.ErrorFields(await Requests.Problem(response)));
        Assert.DoesNotContain(await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases") ?? [], c => c.GetProperty("childName").GetString() == name);
    }
}
