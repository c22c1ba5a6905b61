using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A tile that still holds a resolved case's zone after every cancel went out (it learned the zone
/// from the directory, and a crash lost the case's note of it) tells the case when it activates,
/// and the case cancels there at once: the tile lets go of the zone and the child in it.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class LateTileCancelTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_tile_still_holding_a_resolved_cases_zone_is_cancelled_when_it_activates()
    {
        var (caseId, grain) = await fixture.OpenCase(new GeoPoint(41.72, 22.20), CaseLevel.Public);
        var zone = (await grain.GetZone())!;
        Assert.Equal(CaseRefusal.None, (await grain.Resolve(CaseOutcome.Found, null, "operator-1")).Refusal);

        // A tile far from the zone, never activated, whose stored state holds the zone with the child.
        var tile = fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(new GeoPoint(41.02, 21.33), new RegionOptions().TileZoom).ToGrainKey());
        var stored = new GrainState<RegionState>(new RegionState { Zones = { [caseId] = zone } });
        await fixture.Storage.WriteStateAsync("region", tile.GetGrainId(), stored);

        await tile.Find("sub-nobody");

        await ResolveWithFailingTileTests.Eventually(async () =>
        {
            var now = new GrainState<RegionState>(new RegionState());
            await fixture.Storage.ReadStateAsync("region", tile.GetGrainId(), now);
            return now.State!.Zones.ContainsKey(caseId) ? null : now;
        });
    }

    [Fact]
    public async Task A_subscriber_who_carried_a_case_into_another_tile_during_its_resolve_gets_the_cancel_there()
    {
        var lastSeen = new GeoPoint(41.60, 21.75);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        var (subscriberId, _) = await fixture.Subscriber(Domain.Subscribers.SubscriberKind.Public, lastSeen.Offset(90, 0.3));
        await fixture.Sink.WaitForAlert(caseId, subscriberId, Domain.Alerts.AlertKind.New);
        var zoom = new RegionOptions().TileZoom;
        var from = fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(lastSeen.Offset(90, 0.3), zoom).ToGrainKey());
        var to = new GeoPoint(41.95, 21.75);
        var toKey = TileKey.FromPoint(to, zoom).ToGrainKey();

        // The crossing's first step (the old tile lets the subscriber go, handing over the case it
        // was alerted of) runs before the resolve; its second (the new tile adopts it) after.
        var carried = await from.Remove(subscriberId);
        Assert.Equal([caseId], carried);
        Assert.Equal(CaseRefusal.None, (await grain.Resolve(CaseOutcome.Found, null, "operator-1")).Refusal);
        var unknown = await fixture.Client.GetGrain<IRegionGrain>(toKey).Place(
            new RegionSubscriber(subscriberId, to.Lat, to.Lon, 2, Domain.Subscribers.SubscriberKind.Public, "mk"), carried);
        Assert.Equal([caseId], unknown);
        await grain.TrackRegion(toKey);

        await fixture.Sink.WaitForAlert(caseId, subscriberId, Domain.Alerts.AlertKind.Cancel);
        Assert.Equal([Domain.Alerts.AlertKind.New, Domain.Alerts.AlertKind.Cancel], fixture.Sink.KindsFor(caseId, subscriberId));
    }
}
