using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

[Collection(SharedCluster.Name)]
public sealed class CaseGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Opening_a_case_alerts_a_field_subscriber_inside_the_zone_with_one_new()
    {
        var lastSeen = NorthMacedonia.Kumanovo;
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(45, 0.5));

        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        var alert = await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);
        Assert.Equal(0, alert.DistanceKm);
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));
        var batch = fixture.Sink.BatchesFor(caseId).Single(b => b.Recipients.Any(r => r.SubscriberId == subscriberId));
        Assert.Equal(CaseLevel.Internal, batch.Level);
        Assert.Equal(Given.Child, batch.Child);
        var anchor = Assert.Single(batch.Anchors);
        Assert.Equal((lastSeen.Lat, lastSeen.Lon, 1.0), (anchor.Lat, anchor.Lon, anchor.RadiusKm));

        var snapshot = await grain.GetCase();
        Assert.NotNull(snapshot);
        Assert.Equal(CaseStatus.Active, snapshot.Status);
        Assert.Equal(1, snapshot.Version);
        Assert.True(snapshot.Stats.Alerted >= 1);
    }

    [Fact]
    public async Task Opening_an_open_case_again_returns_it_unchanged_and_alerts_no_one_twice()
    {
        var lastSeen = NorthMacedonia.Kratovo;
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal, actor: "operator-1");

        var again = await grain.Open(Given.Opening(lastSeen.Offset(0, 20), fixture.Clock.GetUtcNow(), CaseLevel.Public, "operator-2"));

        Assert.Equal(1, again.Version);
        Assert.Equal(CaseLevel.Internal, again.Level);
        Assert.Equal((lastSeen.Lat, lastSeen.Lon), (again.LastSeenLat, again.LastSeenLon));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));
        Assert.Single(await grain.GetTimeline());
    }

    [Fact]
    public async Task Refresh_without_material_growth_pushes_nothing()
    {
        var lastSeen = NorthMacedonia.Bitola;
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);

        // One minute on foot is 83 m: below the 100 m that is worth telling anyone.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await grain.RefreshZone();

        var snapshot = await grain.GetCase();
        Assert.NotNull(snapshot);
        Assert.Equal(1, snapshot.Version);
        Assert.All(fixture.Sink.BatchesFor(caseId), b => Assert.Equal(1, b.Version));
        Assert.Equal(["opened"], (await grain.GetTimeline()).Select(e => e.Kind));
    }

    [Fact]
    public async Task Zone_growth_after_time_passes_sends_update_not_a_second_new()
    {
        var lastSeen = NorthMacedonia.Stip;
        // Near: 1 km beyond the 1 km zone, within its 2 km watch. Far: 4 km beyond it, until the zone grows.
        var (nearId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(90, 2));
        var (farId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(270, 5));
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, nearId, AlertKind.New, version: 1);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, farId));

        // Half an hour on foot: 1 + 2.5 = 3.5 km, so the far subscriber is 1.5 km from the zone.
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();

        await fixture.Sink.WaitForAlert(caseId, nearId, AlertKind.Update, version: 2);
        var far = await fixture.Sink.WaitForAlert(caseId, farId, AlertKind.New, version: 2);
        Assert.Equal(1.5, far.DistanceKm, 2);
        Assert.Equal([AlertKind.New, AlertKind.Update], fixture.Sink.KindsFor(caseId, nearId));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, farId));
        var zone = await grain.GetZone();
        Assert.NotNull(zone);
        Assert.Equal(2, zone.Version);
        Assert.Equal(3.5, zone.RadiusKm, 9);
    }

    [Fact]
    public async Task Verified_sighting_recentres_the_zone_and_alerts_near_the_sighting()
    {
        var lastSeen = NorthMacedonia.Veles;
        var sightingAt = lastSeen.Offset(0, 10);
        var (nearSightingId, _) = await fixture.Subscriber(SubscriberKind.Field, sightingAt.Offset(90, 0.5));
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, nearSightingId));

        var result = await grain.ReportSighting(Given.Sighting(sightingAt, fixture.Clock.GetUtcNow(), verified: true));

        Assert.Equal(CaseRefusal.None, result.Refusal);
        Assert.Equal(SightingStatus.Verified, result.Sighting?.Status);
        var alert = await fixture.Sink.WaitForAlert(caseId, nearSightingId, AlertKind.New, version: 2);
        Assert.Equal(0, alert.DistanceKm);
        var zone = await grain.GetZone();
        Assert.NotNull(zone);
        Assert.Equal(
            [(lastSeen.Lat, lastSeen.Lon), (sightingAt.Lat, sightingAt.Lon)],
            zone.Anchors.Select(a => (a.Lat, a.Lon)));
    }

    [Fact]
    public async Task Last_seen_anchor_retires_half_an_hour_after_a_verified_sighting()
    {
        var lastSeen = NorthMacedonia.Resen;
        var sightingAt = lastSeen.Offset(180, 12);
        var (nearLastSeenId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        // Seen 5 min after last seen: an anchor only retires behind a strictly newer one.
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await grain.ReportSighting(Given.Sighting(sightingAt, fixture.Clock.GetUtcNow(), verified: true));

        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();

        var zone = await grain.GetZone();
        Assert.NotNull(zone);
        var anchor = Assert.Single(zone.Anchors);
        Assert.Equal((sightingAt.Lat, sightingAt.Lon), (anchor.Lat, anchor.Lon));
        // Out of reach now, but alerted before: it hears that the zone moved away.
        var update = await fixture.Sink.WaitForAlert(caseId, nearLastSeenId, AlertKind.Update, version: 3);
        Assert.True(update.DistanceKm > Given.WatchRadiusKm);
    }

    [Fact]
    public async Task Pending_public_sighting_on_a_public_case_does_not_move_the_zone()
    {
        var lastSeen = NorthMacedonia.Gostivar;
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen.Offset(0, 10));
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);

        var result = await grain.ReportSighting(
            Given.Sighting(lastSeen.Offset(0, 10), fixture.Clock.GetUtcNow(), verified: false, role: "public"));

        Assert.Equal(CaseRefusal.None, result.Refusal);
        Assert.Equal(SightingStatus.Pending, result.Sighting?.Status);
        var zone = await grain.GetZone();
        Assert.NotNull(zone);
        var anchor = Assert.Single(zone.Anchors);
        Assert.Equal((lastSeen.Lat, lastSeen.Lon), (anchor.Lat, anchor.Lon));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, subscriberId));
        var snapshot = await grain.GetCase();
        Assert.NotNull(snapshot);
        Assert.Equal(SightingStatus.Pending, Assert.Single(snapshot.Sightings).Status);
    }

    [Fact]
    public async Task Anonymous_sighting_on_an_internal_case_is_refused_as_not_public()
    {
        var lastSeen = NorthMacedonia.Strumica;
        var (_, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        var result = await grain.ReportSighting(
            Given.Sighting(lastSeen.Offset(0, 1), fixture.Clock.GetUtcNow(), verified: false, role: "public"));

        Assert.Equal(CaseRefusal.NotPublic, result.Refusal);
        Assert.Null(result.Sighting);
        var snapshot = await grain.GetCase();
        Assert.NotNull(snapshot);
        Assert.Empty(snapshot.Sightings);
        Assert.Equal(1, snapshot.Version);
    }

    [Fact]
    public async Task Same_sighting_id_twice_stores_one_sighting()
    {
        var lastSeen = NorthMacedonia.Prilep;
        var (_, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        var first = Given.Sighting(lastSeen.Offset(90, 3), fixture.Clock.GetUtcNow(), verified: true);

        var stored = await grain.ReportSighting(first);
        var retried = await grain.ReportSighting(first with { Lat = lastSeen.Lat, Description = "retry" });

        Assert.Equal(CaseRefusal.None, retried.Refusal);
        Assert.Equal(stored.Sighting, retried.Sighting);
        var snapshot = await grain.GetCase();
        Assert.NotNull(snapshot);
        Assert.Equal(first.SightingId, Assert.Single(snapshot.Sightings).Id);
        Assert.Equal(2, snapshot.Version);
        Assert.Equal(2, snapshot.Zone.Anchors.Length);
        Assert.Single(await grain.GetTimeline(), e => e.Kind == "sighting-reported");
    }

    [Fact]
    public async Task A_known_sighting_id_reads_nothing_the_caller_could_not_read_already()
    {
        var lastSeen = NorthMacedonia.Prilep;
        var (_, internalCase) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        var teams = Given.Sighting(lastSeen.Offset(90, 3), fixture.Clock.GetUtcNow(), verified: true);
        await internalCase.ReportSighting(teams);
        var (_, publicCase) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        var tip = Given.Sighting(lastSeen.Offset(0, 2), fixture.Clock.GetUtcNow(), verified: false, role: "public");
        await publicCase.ReportSighting(tip);

        // The public under a field team's id on an internal case: the case does not exist for them.
        var onInternal = await internalCase.ReportSighting(teams with { ReporterRole = "public", Verified = false });
        // Another anonymous report under a known tip's id: not the tip.
        var guessed = await publicCase.ReportSighting(tip with { Description = "anything" });
        // The same anonymous report again: its first answer.
        var retried = await publicCase.ReportSighting(tip);
        // A field team's pending tip (phoned in) under its id from another team's report: not the tip,
        // which field teams do not read; the same report again is its first answer.
        var fieldTip = Given.Sighting(lastSeen.Offset(180, 2), fixture.Clock.GetUtcNow(), verified: false, role: "field");
        await publicCase.ReportSighting(fieldTip);
        var reused = await publicCase.ReportSighting(fieldTip with { Description = "anything" });
        var fieldRetried = await publicCase.ReportSighting(fieldTip);
        await internalCase.Resolve(CaseOutcome.Found, null, "operator-1");
        var afterResolve = await internalCase.ReportSighting(teams);

        Assert.Equal((null, CaseRefusal.NotPublic), (onInternal.Sighting, onInternal.Refusal));
        Assert.Equal((null, CaseRefusal.SightingIdTaken), (guessed.Sighting, guessed.Refusal));
        Assert.Equal(tip.SightingId, retried.Sighting?.Id);
        Assert.Equal((null, CaseRefusal.SightingIdTaken), (reused.Sighting, reused.Refusal));
        Assert.Equal(fieldTip.SightingId, fieldRetried.Sighting?.Id);
        Assert.Equal((null, CaseRefusal.Resolved), (afterResolve.Sighting, afterResolve.Refusal));
    }

    [Fact]
    public async Task Timeline_records_opened_sighting_and_zone_expansion_in_order()
    {
        var lastSeen = NorthMacedonia.Kavadarci;
        var openedAt = fixture.Clock.GetUtcNow();
        var (_, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal, actor: "operator-7");
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var sighting = Given.Sighting(lastSeen.Offset(45, 2), fixture.Clock.GetUtcNow(), verified: true, role: "field");
        await grain.ReportSighting(sighting);
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();

        var timeline = await grain.GetTimeline();

        Assert.Equal(["opened", "sighting-reported", "sighting-verified", "zone-expanded"], timeline.Select(e => e.Kind));
        Assert.Equal([1L, 2L, 3L, 4L], timeline.Select(e => e.Seq));
        Assert.Equal(
            [openedAt, openedAt.AddMinutes(5), openedAt.AddMinutes(5), openedAt.AddMinutes(35)],
            timeline.Select(e => e.At));
        Assert.Equal(["operator-7", "field", "field", "system"], timeline.Select(e => e.Actor));
        Assert.Equal("internal", timeline[0].Data["level"]);
        Assert.Equal(sighting.SightingId, timeline[1].Data["sightingId"]);
        Assert.Equal("verified", timeline[1].Data["status"]);
        Assert.True(timeline[3].Data.ContainsKey("radiusKm"));
    }

    [Fact]
    public async Task Unknown_case_returns_null_and_not_found()
    {
        var grain = fixture.Client.GetGrain<ICaseGrain>(Given.CaseId());

        Assert.Null(await grain.GetCase());
        Assert.Null(await grain.GetZone());
        Assert.Empty(await grain.GetTimeline());
        var result = await grain.ReportSighting(
            Given.Sighting(NorthMacedonia.Skopje, fixture.Clock.GetUtcNow(), verified: true));
        Assert.Equal(CaseRefusal.NotFound, result.Refusal);
        Assert.Null(result.Sighting);
        await grain.RefreshZone();
        Assert.Null(await grain.GetCase());
    }

    [Fact]
    public async Task Opened_case_is_listed_in_the_case_directory()
    {
        var (caseId, _) = await fixture.OpenCase(NorthMacedonia.Ohrid, CaseLevel.Public);

        var active = await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active);
        var resolved = await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Resolved);

        var line = Assert.Single(active, c => c.Id == caseId);
        Assert.Equal((CaseLevel.Public, Given.Child.Name), (line.Level, line.ChildName));
        Assert.DoesNotContain(resolved, c => c.Id == caseId);
    }

    [Fact]
    public async Task Case_state_survives_deactivation()
    {
        var lastSeen = NorthMacedonia.Gevgelija;
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        await grain.ReportSighting(Given.Sighting(lastSeen.Offset(0, 4), fixture.Clock.GetUtcNow(), verified: true));
        var before = await grain.GetCase();

        // A push does not wait for its tile's batch to reach the sink.
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, before!.Version);
        var alertsBefore = fixture.Sink.KindsFor(caseId, subscriberId);
        Assert.Equal([AlertKind.New, AlertKind.Update], alertsBefore);

        await fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetCase();

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Sightings, after.Sightings);
        Assert.Equal(before.Zone.Anchors.Select(a => (a.Lat, a.Lon, a.At)), after.Zone.Anchors.Select(a => (a.Lat, a.Lon, a.At)));
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(3, (await grain.GetTimeline()).Length);
        // Everything was pushed before: reactivating has nothing to finish.
        Assert.Equal(alertsBefore, fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task Sightings_and_timeline_past_several_journal_pages_survive_deactivation_with_late_reviews()
    {
        var lastSeen = NorthMacedonia.Kumanovo;
        var (_, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        var reports = Enumerable.Range(0, (2 * CaseJournal.PageSize) + 3)
            .Select(i => Given.Sighting(lastSeen.Offset(0, i * 0.01), fixture.Clock.GetUtcNow(), verified: false, role: "public"))
            .ToList();
        foreach (var report in reports)
        {
            await grain.ReportSighting(report);
        }

        // The first sighting's page was sealed long before these reviews.
        await grain.ReviewSighting(reports[0].SightingId, verify: true, "operator");
        await grain.ReviewSighting(reports[CaseJournal.PageSize + 1].SightingId, verify: false, "operator");
        var before = await grain.GetCase();
        var timelineBefore = await grain.GetTimeline();

        await fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetCase();
        var timelineAfter = await grain.GetTimeline();

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(reports.Select(r => r.SightingId), after.Sightings.Select(s => s.Id));
        Assert.Equal(before.Sightings, after.Sightings);
        Assert.Equal(SightingStatus.Verified, after.Sightings[0].Status);
        Assert.Equal(SightingStatus.Rejected, after.Sightings[CaseJournal.PageSize + 1].Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(timelineBefore.Select(t => (t.Seq, t.Kind)), timelineAfter.Select(t => (t.Seq, t.Kind)));
        Assert.True(timelineAfter.Length > 2 * CaseJournal.PageSize);
    }

    [Fact]
    public async Task Latecomer_new_alert_is_counted_in_case_stats()
    {
        var lastSeen = NorthMacedonia.Probistip;
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);

        var snapshot = await grain.GetCase();

        Assert.NotNull(snapshot);
        Assert.Equal(1, snapshot.Stats.Alerted);
    }

    [Fact]
    public async Task Reactivation_after_a_pending_sighting_sends_no_update()
    {
        var lastSeen = NorthMacedonia.Skopje.Offset(0, 40);
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        // The tile may hear of the case through its directory shard a moment after the opening returns.
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);
        await grain.ReportSighting(
            Given.Sighting(lastSeen.Offset(0, 5), fixture.Clock.GetUtcNow(), verified: false, role: "public"));

        await fixture.Cluster.DeactivateAsync(grain);
        await grain.GetCase();

        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));
    }
}
