using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>Escalation and resolution. Rural points, well away from the towns other tests use.</summary>
[Collection(SharedCluster.Name)]
public sealed class CaseResolutionTests(ClusterFixture fixture)
{
    private static readonly GeoPoint Mariovo = new(41.40, 22.30);
    private static readonly GeoPoint SharMountain = new(42.25, 21.05);
    private static readonly GeoPoint Jakupica = new(41.72, 21.42);

    [Fact]
    public async Task Resolving_sends_exactly_one_cancel_without_the_child_to_everyone_alerted()
    {
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, Mariovo.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Mariovo, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);

        var resolved = await grain.Resolve(CaseOutcome.Found, "Found at a neighbour's house", "operator-1");
        var again = await grain.Resolve(CaseOutcome.Cancelled, null, "operator-1");

        Assert.Equal(CaseRefusal.None, resolved.Refusal);
        Assert.Equal(CaseStatus.Resolved, resolved.Case!.Status);
        Assert.Equal(CaseOutcome.Found, resolved.Case.Outcome);
        Assert.Equal(CaseRefusal.Resolved, again.Refusal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Cancel);
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, subscriberId));
        var cancel = Assert.Single(fixture.Sink.BatchesFor(caseId), b => b.Recipients.Any(r => r.Kind == AlertKind.Cancel));
        Assert.Null(cancel.Child);
    }

    [Fact]
    public async Task Subscriber_that_moved_far_from_the_zone_still_gets_its_cancel()
    {
        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, SharMountain.Offset(90, 0.5));
        var (caseId, grain) = await fixture.OpenCase(SharMountain, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);

        // ~140 km away: a tile the zone (plus the largest watch radius) never touched.
        Assert.True(await subscriber.UpdateLocation(Mariovo.Lat + 0.05, Mariovo.Lon));
        await grain.Resolve(CaseOutcome.Cancelled, null, "operator-1");

        // A tile hands its batch to the gateways without waiting for it: the cancel may land after Resolve returns.
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Cancel);
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task Escalation_alerts_public_subscribers_in_reach_and_updates_the_field()
    {
        var (publicId, _) = await fixture.Subscriber(SubscriberKind.Public, Jakupica.Offset(180, 0.5));
        var (fieldId, _) = await fixture.Subscriber(SubscriberKind.Field, Jakupica.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Jakupica, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, fieldId, AlertKind.New);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, publicId));

        var escalated = await fixture.Publish(grain);

        Assert.Equal(CaseLevel.Public, escalated.Case!.Level);
        var alert = await fixture.Sink.WaitForAlert(caseId, publicId, AlertKind.New, version: escalated.Case.Version);
        Assert.Equal(AlertKind.New, alert.Kind);
        Assert.Equal([AlertKind.New, AlertKind.Update], fixture.Sink.KindsFor(caseId, fieldId));
    }

    [Fact]
    public async Task Resolved_case_takes_no_sighting_and_no_escalation()
    {
        var (_, grain) = await fixture.OpenCase(Jakupica.Offset(90, 8), CaseLevel.Internal);
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        var sighting = await grain.ReportSighting(Given.Sighting(Jakupica, fixture.Clock.GetUtcNow(), verified: true));
        var escalation = await grain.Escalate(Given.EscalationWithConsent("supervisor-1", fixture.Clock.GetUtcNow()));

        Assert.Equal(CaseRefusal.Resolved, sighting.Refusal);
        Assert.Null(sighting.Sighting);
        Assert.Equal(CaseRefusal.Resolved, escalation.Refusal);
    }

    [Fact]
    public async Task Timeline_records_escalation_and_resolution_with_their_actors()
    {
        var (_, grain) = await fixture.OpenCase(Jakupica.Offset(270, 8), CaseLevel.Internal);

        await fixture.Publish(grain, requester: "supervisor-1", approver: "supervisor-3");
        await grain.Resolve(CaseOutcome.Cancelled, "False report", "operator-2");

        var timeline = await grain.GetTimeline();
        Assert.Equal(["opened", "escalation-requested", "escalation-approved", "escalated", "resolved"], timeline.Select(e => e.Kind));
        Assert.Equal("supervisor-1", timeline[1].Actor);
        Assert.Equal("supervisor-3", timeline[3].Actor);
        Assert.Equal("cancelled", timeline[4].Data["outcome"]);
        Assert.Equal("False report", timeline[4].Data["note"]);
    }

    [Fact]
    public async Task Unknown_case_cannot_be_resolved_or_escalated()
    {
        var grain = fixture.Client.GetGrain<ICaseGrain>(Given.CaseId());

        Assert.Equal(CaseRefusal.NotFound, (await grain.Resolve(CaseOutcome.Found, null, "operator-1")).Refusal);
        Assert.Equal(CaseRefusal.NotFound, (await grain.Escalate(new EscalationRequest("supervisor-1"))).Refusal);
    }
}
