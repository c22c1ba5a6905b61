using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>What a case tells the control room changed: the gateway sends only that as <c>caseDelta</c>.</summary>
[Collection(SharedCluster.Name)]
public sealed class CaseChangeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_zone_tick_tells_the_control_room_only_the_zone_changed()
    {
        // Far from every other test's subscribers: no figure moves while the zone grows.
        var (caseId, grain) = await fixture.OpenCase(new GeoPoint(42.35, 21.05), CaseLevel.Internal);
        var opened = await LastChange(caseId);

        // Half an hour on foot: the zone grew materially, so the tick pushes and publishes it.
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();
        var tick = await LastChange(caseId);

        Assert.Equal(CaseFields.All, opened.Change!.Fields);
        Assert.Equal(CaseFields.Zone, tick.Change!.Fields);
        Assert.Empty(tick.Change.SightingIds);
        Assert.Equal(opened.CaseChanged!.Version + 1, tick.CaseChanged!.Version);
    }

    [Fact]
    public async Task A_new_sighting_changes_no_field_and_its_review_names_only_that_sighting()
    {
        var lastSeen = new GeoPoint(42.35, 21.25);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        var first = await grain.ReportSighting(Given.Sighting(lastSeen.Offset(0, 0.5), fixture.Clock.GetUtcNow(), verified: false));
        var reported = await LastChange(caseId);
        await grain.ReportSighting(Given.Sighting(lastSeen.Offset(90, 0.5), fixture.Clock.GetUtcNow(), verified: false));

        await grain.ReviewSighting(first.Sighting!.Id, verify: false, "operator-1", reason: "a prank");
        var reviewed = await LastChange(caseId);

        // The new sighting itself goes out as sightingReported.
        Assert.Equal(CaseFields.None, reported.Change!.Fields);
        Assert.Equal(CaseFields.Sightings, reviewed.Change!.Fields);
        Assert.Equal([first.Sighting.Id], reviewed.Change.SightingIds);
    }

    private async Task<ControlRoomEvent> LastChange(string caseId)
    {
        await fixture.ControlRoomSent();
        return fixture.Sink.Events.Last(e => e.CaseChanged?.Id == caseId);
    }
}
