using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Regions;

/// <summary>Position updates a tile takes itself, many per call (<see cref="IRegionGrain.MoveMany"/>).</summary>
[Collection(SharedCluster.Name)]
public sealed class RegionMoveTests(ClusterFixture fixture)
{
    private const int TileZoom = 11;

    [Fact]
    public async Task A_tile_moves_only_the_public_subscribers_it_holds_to_points_inside_it()
    {
        var home = new GeoPoint(41.4839, 22.0892);
        var tile = TileKey.FromPoint(home, TileZoom);
        var within = home.Offset(45, 1);
        var elsewhere = new GeoPoint(tile.NorthLat + 0.05, home.Lon);
        var (publicId, _) = await fixture.Subscriber(SubscriberKind.Public, home);
        var (leavingId, _) = await fixture.Subscriber(SubscriberKind.Public, home);
        var (fieldId, _) = await fixture.Subscriber(SubscriberKind.Field, home);
        var region = fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey());

        var notMoved = await region.MoveMany(
        [
            new(publicId, within.Lat, within.Lon),
            new(leavingId, elsewhere.Lat, elsewhere.Lon),
            new(fieldId, within.Lat, within.Lon),
            new("never-subscribed", within.Lat, within.Lon),
        ]);

        Assert.Equal([leavingId, fieldId, "never-subscribed"], notMoved);
        Assert.Equal((within.Lat, within.Lon), Position(await region.Find(publicId)));
        Assert.Equal((home.Lat, home.Lon), Position(await region.Find(leavingId)));
        Assert.Equal((home.Lat, home.Lon), Position(await region.Find(fieldId)));
    }

    [Fact]
    public async Task A_move_the_tile_took_is_stored_and_is_the_position_the_subscriber_reports()
    {
        var home = new GeoPoint(41.2208, 21.2031);
        var to = home.Offset(270, 2);
        var tile = TileKey.FromPoint(home, TileZoom);
        Assert.Equal(tile, TileKey.FromPoint(to, TileZoom));
        var (id, subscriber) = await fixture.Subscriber(SubscriberKind.Public, home);
        var region = fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey());

        Assert.Empty(await region.MoveMany([new(id, to.Lat, to.Lon)]));
        // No flush delay to wait out: the cells were written before MoveMany answered.
        await fixture.Cluster.DeactivateAsync(region);

        Assert.Equal((to.Lat, to.Lon), Position(await region.Find(id)));
        var profile = await subscriber.GetProfile();
        Assert.Equal((to.Lat, to.Lon), (profile!.Lat!.Value, profile.Lon!.Value));
    }

    [Fact]
    public async Task A_public_subscriber_moved_into_a_zone_by_its_tile_gets_one_new_alert()
    {
        var lastSeen = new GeoPoint(41.5133, 21.2153);
        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        var outside = lastSeen.Offset(270, 6);
        var inside = lastSeen.Offset(270, 0.5);
        var tile = TileKey.FromPoint(outside, TileZoom);
        Assert.Equal(tile, TileKey.FromPoint(inside, TileZoom));
        var (id, _) = await fixture.Subscriber(SubscriberKind.Public, outside, watchRadiusKm: 1);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, id));
        var region = fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey());

        Assert.Empty(await region.MoveMany([new(id, inside.Lat, inside.Lon)]));
        Assert.Empty(await region.MoveMany([new(id, inside.Lat, inside.Lon + 0.0001)]));

        await fixture.Sink.WaitForAlert(caseId, id, AlertKind.New);
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, id));
    }

    private static (double Lat, double Lon) Position(RegionSubscriber? held) =>
        held is null ? (double.NaN, double.NaN) : (held.Lat, held.Lon);
}
