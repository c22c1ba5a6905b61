using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>Tips from every channel wait for verification; categories, outcomes and referrals. Rural points of their own.</summary>
[Collection(SharedCluster.Name)]
[Trait("Category", "Safeguarding")]
public sealed class TipTriageTests(ClusterFixture fixture)
{
    private static readonly GeoPoint Plackovica = new(41.80, 22.30);
    private static readonly GeoPoint Belasica = new(41.35, 22.85);

    [Fact]
    public async Task A_hotline_tip_an_operator_logs_on_an_internal_case_stays_pending_until_verified_and_only_then_moves_the_zone()
    {
        var (_, grain) = await fixture.OpenCase(Plackovica, CaseLevel.Internal);
        var tip = Tip(Plackovica.Offset(90, 3), SightingChannel.Hotline);

        var logged = await grain.ReportSighting(tip);

        Assert.Equal(CaseRefusal.None, logged.Refusal);
        Assert.Equal((SightingStatus.Pending, SightingChannel.Hotline, "+389 2 116 000"), (logged.Sighting!.Status, logged.Sighting.Channel, logged.Sighting.ReporterContact));
        Assert.Single((await grain.GetZone())!.Anchors);

        var verified = await grain.ReviewSighting(tip.SightingId, verify: true, "operator-2", "Caller described the red jacket");

        Assert.Equal(SightingStatus.Verified, verified.Sighting!.Status);
        Assert.Equal(("operator-2", "Caller described the red jacket"), (verified.Sighting.Review!.By, verified.Sighting.Review.Reason));
        Assert.Equal(2, (await grain.GetZone())!.Anchors.Length);
        var entry = (await grain.GetTimeline()).Single(e => e.Kind == "sighting-verified");
        Assert.Equal(("operator-2", "Caller described the red jacket"), (entry.Actor, entry.Data["reason"]));
        Assert.Equal("hotline", (await grain.GetTimeline()).Single(e => e.Kind == "sighting-reported").Data["channel"]);
    }

    [Fact]
    public async Task A_duplicate_tip_is_rejected_linked_to_the_earlier_one_and_an_unknown_earlier_one_is_refused()
    {
        var (_, grain) = await fixture.OpenCase(Plackovica.Offset(0, 12), CaseLevel.Internal);
        var first = Tip(Plackovica.Offset(0, 13), SightingChannel.Police);
        var second = Tip(Plackovica.Offset(0, 13.1), SightingChannel.Phone);
        await grain.ReportSighting(first);
        await grain.ReportSighting(second);

        var unknown = await grain.ReviewSighting(second.SightingId, verify: false, "operator-1", duplicateOf: "s-no-such-sighting");
        var itself = await grain.ReviewSighting(second.SightingId, verify: false, "operator-1", duplicateOf: second.SightingId);
        var linked = await grain.ReviewSighting(second.SightingId, verify: false, "operator-1", "Same caller as the police report", first.SightingId);

        Assert.Equal(CaseRefusal.UnknownDuplicate, unknown.Refusal);
        Assert.Equal(CaseRefusal.UnknownDuplicate, itself.Refusal);
        Assert.Equal(SightingStatus.Rejected, linked.Sighting!.Status);
        Assert.Equal(first.SightingId, linked.Sighting.Review!.DuplicateOf);
        Assert.Equal(first.SightingId, (await grain.GetTimeline())[^1].Data["duplicateOf"]);
        Assert.Single((await grain.GetZone())!.Anchors);
    }

    [Fact]
    public async Task Rejecting_again_is_a_repeat_only_with_the_same_duplicate_named()
    {
        var (_, grain) = await fixture.OpenCase(Plackovica.Offset(90, 12), CaseLevel.Internal);
        var (first, second, third) = (Tip(Plackovica.Offset(90, 13), SightingChannel.Police), Tip(Plackovica.Offset(90, 13.1), SightingChannel.Phone), Tip(Plackovica.Offset(90, 13.2), SightingChannel.Phone));
        await grain.ReportSighting(first);
        await grain.ReportSighting(second);
        await grain.ReportSighting(third);
        await grain.ReviewSighting(third.SightingId, verify: false, "operator-1", duplicateOf: first.SightingId);

        var repeated = await grain.ReviewSighting(third.SightingId, verify: false, "operator-1", duplicateOf: first.SightingId);
        var plain = await grain.ReviewSighting(third.SightingId, verify: false, "operator-1");
        var unknown = await grain.ReviewSighting(third.SightingId, verify: false, "operator-1", duplicateOf: "s-no-such-sighting");
        var another = await grain.ReviewSighting(third.SightingId, verify: false, "operator-1", duplicateOf: second.SightingId);

        Assert.Equal(
            [CaseRefusal.None, CaseRefusal.None, CaseRefusal.UnknownDuplicate, CaseRefusal.AlreadyReviewed],
            new[] { repeated, plain, unknown, another }.Select(r => r.Refusal));
        Assert.Equal(first.SightingId, another.Sighting!.Review!.DuplicateOf);
        Assert.Single(await grain.GetTimeline(), e => e.Kind == "sighting-rejected");
    }

    [Fact]
    public async Task A_found_child_in_a_suspected_trafficking_case_is_resolved_only_with_a_referral_which_is_recorded()
    {
        var id = Given.CaseId();
        var grain = fixture.Client.GetGrain<ICaseGrain>(id);
        await grain.Open(Given.Opening(Belasica, fixture.Clock.GetUtcNow(), CaseLevel.Internal) with { Category = CaseCategory.SuspectedTrafficking });

        var refused = await grain.Resolve(CaseOutcome.Found, null, "operator-1", ResolutionDetail.FoundHarmed);

        Assert.Equal(CaseRefusal.ReferralRequired, refused.Refusal);
        Assert.Equal(CaseStatus.Active, (await grain.GetCase())!.Status);

        var referral = new CaseReferral(ReferralMechanism.NationalReferralMechanism, "National Commission for Combating Trafficking", fixture.Clock.GetUtcNow(), "operator-1");
        var resolved = await grain.Resolve(CaseOutcome.Found, null, "operator-1", ResolutionDetail.FoundHarmed, referral);

        Assert.Equal(CaseStatus.Resolved, resolved.Case!.Status);
        Assert.Equal((CaseCategory.SuspectedTrafficking, ResolutionDetail.FoundHarmed, referral), (resolved.Case.Safeguarding!.Category, resolved.Case.Safeguarding.Detail, resolved.Case.Safeguarding.Referral));
        var timeline = await grain.GetTimeline();
        Assert.Equal("suspected-trafficking", timeline[0].Data["category"]);
        Assert.Equal("found-harmed", timeline.Single(e => e.Kind == "resolved").Data["detail"]);
        Assert.Equal("national-referral-mechanism", timeline.Single(e => e.Kind == "referred").Data["mechanism"]);
        var line = (await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Resolved)).Single(c => c.Id == id);
        Assert.Equal((CaseCategory.SuspectedTrafficking, (CaseOutcome?)CaseOutcome.Found, (ResolutionDetail?)ResolutionDetail.FoundHarmed), (line.Category, line.Outcome, line.Detail));
    }

    private SightingReport Tip(GeoPoint at, SightingChannel channel) =>
        new($"s-{Guid.NewGuid():N}", at.Lat, at.Lon, fixture.Clock.GetUtcNow(), "A girl in a red jacket at the petrol station", "operator",
            "+389 2 116 000", Verified: false, channel);
}
