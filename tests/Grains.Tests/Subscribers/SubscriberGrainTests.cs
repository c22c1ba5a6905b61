using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Subscribers;

[Collection(SharedCluster.Name)]
public sealed class SubscriberGrainTests(ClusterFixture fixture)
{
    private const int TileZoom = 11;

    [Fact]
    public async Task Subscribe_stores_the_profile_and_update_location_moves_it()
    {
        var at = NorthMacedonia.Berovo;
        var (_, subscriber) = await fixture.Subscriber(SubscriberKind.Public, at, language: "sq");

        var moved = at.Offset(0, 1);
        Assert.True(await subscriber.UpdateLocation(moved.Lat, moved.Lon));

        Assert.Equal(
            new SubscriberProfile(SubscriberKind.Public, "sq", Given.WatchRadiusKm, moved.Lat, moved.Lon),
            await subscriber.GetProfile());
    }

    [Fact]
    public async Task Unknown_subscriber_can_neither_move_nor_unsubscribe()
    {
        var subscriber = fixture.Client.GetGrain<ISubscriberGrain>(Given.SubscriberId());

        Assert.False(await subscriber.UpdateLocation(NorthMacedonia.Skopje.Lat, NorthMacedonia.Skopje.Lon));
        Assert.False(await subscriber.Unsubscribe());
        Assert.Null(await subscriber.GetProfile());
    }

    [Fact]
    public async Task Subscriber_without_a_position_is_alerted_once_its_location_arrives()
    {
        var lastSeen = NorthMacedonia.Tetovo;
        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, at: null);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, subscriberId));

        var inside = lastSeen.Offset(10, 0.4);
        Assert.True(await subscriber.UpdateLocation(inside.Lat, inside.Lon));

        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);
    }

    [Fact]
    public async Task Subscriber_crossing_tiles_keeps_one_new_and_gets_updates()
    {
        // A zone straddling the eastern edge of Kriva Palanka's tile.
        var tile = TileKey.FromPoint(NorthMacedonia.KrivaPalanka, TileZoom);
        var edge = new GeoPoint((tile.NorthLat + tile.SouthLat) / 2, tile.EastLon);
        var lastSeen = edge.Offset(270, 0.3);
        var west = edge.Offset(270, 0.5);
        var east = edge.Offset(90, 0.5);
        Assert.Equal(tile, TileKey.FromPoint(west, TileZoom));
        Assert.NotEqual(tile, TileKey.FromPoint(east, TileZoom));

        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, west);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);

        Assert.True(await subscriber.UpdateLocation(east.Lat, east.Lon));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));

        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();

        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, version: 2);
        Assert.Equal([AlertKind.New, AlertKind.Update], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task Unsubscribe_removes_the_subscriber_from_its_region()
    {
        var lastSeen = NorthMacedonia.Debar;
        var at = lastSeen.Offset(45, 0.5);
        var (leavingId, leaving) = await fixture.Subscriber(SubscriberKind.Field, at);
        var (stayingId, _) = await fixture.Subscriber(SubscriberKind.Field, at);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, leavingId, AlertKind.New, version: 1);

        Assert.True(await leaving.Unsubscribe());
        Assert.Null(await leaving.GetProfile());

        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();

        // The one who stayed, in the same tile, hears the push that the one who left no longer does.
        var batch = await fixture.Sink.WaitForBatch(
            caseId, b => b.Version == 2 && b.Recipients.Any(r => r.SubscriberId == stayingId), "the staying subscriber gets v2");
        Assert.DoesNotContain(batch.Recipients, r => r.SubscriberId == leavingId);
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, leavingId));
    }

    [Fact]
    public async Task Replacing_the_profile_without_a_position_stops_alerts_at_the_old_position()
    {
        var lastSeen = NorthMacedonia.Skopje.Offset(90, 40);
        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, lastSeen);

        await subscriber.Subscribe(new SubscriberProfile(SubscriberKind.Field, "mk", Given.WatchRadiusKm, null, null));
        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        Assert.Empty(fixture.Sink.AlertsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task Opting_in_to_exercises_keeps_the_position_and_an_unsubscribed_subscriber_stays_erased()
    {
        var at = NorthMacedonia.Kratovo.Offset(200, 2);
        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Public, at);
        var tile = fixture.Client.GetGrain<EarlyWarning.Grains.Regions.IRegionGrain>(TileKey.FromPoint(at, TileZoom).ToGrainKey());

        Assert.True(await subscriber.SetExercises(true));
        Assert.Equal(new SubscriberProfile(SubscriberKind.Public, "mk", Given.WatchRadiusKm, at.Lat, at.Lon, Exercises: true), await subscriber.GetProfile());
        Assert.True((await tile.Find(subscriberId))?.Exercises);

        Assert.True(await subscriber.Unsubscribe());
        Assert.False(await subscriber.SetExercises(false));
        Assert.False(await subscriber.IsSubscribed());
        Assert.Null(await tile.Find(subscriberId));
    }
}
