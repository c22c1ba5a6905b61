using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>Going public with the family's consent and a second supervisor (the default: two approvers). Rural points of their own.</summary>
[Collection(SharedCluster.Name)]
[Trait("Category", "Safeguarding")]
public sealed class EscalationApprovalTests(ClusterFixture fixture)
{
    private static readonly GeoPoint Osogovo = new(42.05, 22.45);
    private static readonly GeoPoint Kozuf = new(41.18, 22.22);
    private static readonly GeoPoint Bistra = new(41.65, 20.75);

    [Fact]
    public async Task A_request_to_publish_alerts_no_one_until_a_second_supervisor_approves_it()
    {
        var (publicId, _) = await fixture.Subscriber(SubscriberKind.Public, Osogovo.Offset(90, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Osogovo, CaseLevel.Internal);

        var requested = await grain.Escalate(Given.EscalationWithConsent("supervisor-1", fixture.Clock.GetUtcNow().AddMinutes(-5)));

        Assert.Equal(CaseRefusal.None, requested.Refusal);
        Assert.Equal(CaseLevel.Internal, requested.Case!.Level);
        var pending = requested.Case.Safeguarding!.Escalation!;
        Assert.Equal((EscalationStatus.Pending, "supervisor-1"), (pending.Status, pending.RequestedBy));
        Assert.Equal(("Mother (Vesna)", ConsentMethod.InPerson), (pending.Consent!.GivenBy, pending.Consent.Method));
        Assert.Contains(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), c => c.Id == caseId && c.EscalationPending);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, publicId));

        var approved = await grain.ApproveEscalation("supervisor-2");

        Assert.Equal(CaseLevel.Public, approved.Case!.Level);
        Assert.Equal((EscalationStatus.Approved, "supervisor-2"), (approved.Case.Safeguarding!.Escalation!.Status, approved.Case.Safeguarding.Escalation.DecidedBy));
        await fixture.Sink.WaitForAlert(caseId, publicId, AlertKind.New, version: approved.Case.Version);
        var timeline = await grain.GetTimeline();
        Assert.Equal(["opened", "escalation-requested", "escalation-approved", "escalated"], timeline.Select(e => e.Kind));
        Assert.Equal("in-person", timeline[1].Data["consent"]);
        Assert.DoesNotContain(timeline, e => e.Data.Values.Any(v => v.Contains("Vesna", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request_and_the_case_stays_internal()
    {
        var (_, grain) = await fixture.OpenCase(Osogovo.Offset(180, 6), CaseLevel.Internal);
        await grain.Escalate(new EscalationRequest("supervisor-1", ReasonWithoutConsent: "Parents unreachable; the child is at risk tonight"));

        var own = await grain.ApproveEscalation("supervisor-1");

        Assert.Equal(CaseRefusal.OwnRequest, own.Refusal);
        Assert.Equal(CaseLevel.Internal, (await grain.GetCase())!.Level);
        Assert.Equal(EscalationStatus.Pending, (await grain.GetCase())!.Safeguarding!.Escalation!.Status);
    }

    [Fact]
    public async Task Approving_or_rejecting_with_nothing_waiting_is_refused()
    {
        var (_, grain) = await fixture.OpenCase(Kozuf, CaseLevel.Internal);

        Assert.Equal(CaseRefusal.NothingPending, (await grain.ApproveEscalation("supervisor-2")).Refusal);
        Assert.Equal(CaseRefusal.NothingPending, (await grain.RejectEscalation("supervisor-2", "no")).Refusal);

        await fixture.Publish(grain);
        Assert.Equal(CaseRefusal.NothingPending, (await grain.ApproveEscalation("supervisor-3")).Refusal);
    }

    [Fact]
    public async Task A_request_without_consent_or_a_reason_is_refused_and_stores_nothing()
    {
        var (_, grain) = await fixture.OpenCase(Kozuf.Offset(90, 6), CaseLevel.Internal);
        var before = (await grain.GetCase())!;

        var refused = await grain.Escalate(new EscalationRequest("supervisor-1"));

        Assert.Equal(CaseRefusal.ConsentRequired, refused.Refusal);
        var after = (await grain.GetCase())!;
        Assert.Equal((before.Version, CaseLevel.Internal), (after.Version, after.Level));
        Assert.Null(after.Safeguarding!.Escalation);
        Assert.Equal(["opened"], (await grain.GetTimeline()).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_rejected_request_keeps_the_case_internal_and_records_who_and_why()
    {
        var (publicId, _) = await fixture.Subscriber(SubscriberKind.Public, Bistra.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Bistra, CaseLevel.Internal);
        await grain.Escalate(Given.EscalationWithConsent("supervisor-1", fixture.Clock.GetUtcNow()));

        var rejected = await grain.RejectEscalation("supervisor-2", "The father says the child is with him");

        Assert.Equal(CaseLevel.Internal, rejected.Case!.Level);
        var record = rejected.Case.Safeguarding!.Escalation!;
        Assert.Equal((EscalationStatus.Rejected, "supervisor-2", "The father says the child is with him"), (record.Status, record.DecidedBy, record.DecisionReason));
        var last = (await grain.GetTimeline())[^1];
        Assert.Equal(("escalation-rejected", "supervisor-2", "supervisor-1"), (last.Kind, last.Actor, last.Data["requestedBy"]));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, publicId));

        // A new request may follow: the rejected one does not block it.
        Assert.Equal(EscalationStatus.Pending, (await grain.Escalate(Given.EscalationWithConsent("supervisor-1", fixture.Clock.GetUtcNow()))).Case!.Safeguarding!.Escalation!.Status);
    }
}
