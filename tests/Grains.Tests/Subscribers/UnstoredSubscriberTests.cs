using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Subscribers;

/// <summary>
/// A subscription whose record, or whose tile, cannot store it fails as a whole: the tile does not
/// keep the position (nobody could erase it, and the tile would alert an id no record owns).
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class UnstoredSubscriberTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Kumanovo = new(42.13, 21.71);

    [Fact]
    public async Task A_subscription_whose_record_fails_to_store_leaves_its_tile_as_it_was()
    {
        var id = Given.SubscriberId();
        var grain = fixture.Client.GetGrain<ISubscriberGrain>(id);
        var tile = fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(Kumanovo, new RegionOptions().TileZoom).ToGrainKey());
        var fault = fixture.Faults.FailWrites((stateName, grainId, _) => stateName == "subscriber" && grainId.Key.ToString() == id);

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Subscribe(new SubscriberProfile(SubscriberKind.Public, "mk", 2, Kumanovo.Lat, Kumanovo.Lon)));
        fixture.Faults.Clear(fault);

        Assert.Null(await tile.Find(id));
        Assert.False(await grain.IsSubscribed());
    }

    [Fact]
    public async Task An_unsubscribe_whose_tile_fails_to_store_the_removal_erases_the_position_on_retry()
    {
        var id = Given.SubscriberId();
        var at = Kumanovo.Offset(135, 3);
        var grain = fixture.Client.GetGrain<ISubscriberGrain>(id);
        var tile = fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(at, new RegionOptions().TileZoom).ToGrainKey());
        await grain.Subscribe(new SubscriberProfile(SubscriberKind.Public, "mk", 2, at.Lat, at.Lon));
        var fault = fixture.Faults.FailWrites((stateName, _, _) => stateName.StartsWith("region-", StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Unsubscribe());
        fixture.Faults.Clear(fault);
        Assert.True(await grain.Unsubscribe());

        // As stored, not only as the tile's memory has it.
        await fixture.Cluster.DeactivateAsync(tile);
        Assert.Null(await tile.Find(id));
    }

    [Fact]
    public async Task A_subscription_whose_tile_fails_to_store_it_leaves_neither_tile_nor_record_holding_it()
    {
        var id = Given.SubscriberId();
        var at = Kumanovo.Offset(45, 3);
        var grain = fixture.Client.GetGrain<ISubscriberGrain>(id);
        var tile = fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(at, new RegionOptions().TileZoom).ToGrainKey());
        var fault = fixture.Faults.FailWrites((stateName, _, _) => stateName.StartsWith("region-", StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Subscribe(new SubscriberProfile(SubscriberKind.Public, "mk", 2, at.Lat, at.Lon)));
        fixture.Faults.Clear(fault);

        Assert.Null(await tile.Find(id));
        Assert.False(await grain.IsSubscribed());
    }

    [Theory]
    [InlineData("region-")]
    [InlineData("subscriber")]
    public async Task A_tile_crossing_that_fails_to_store_keeps_whom_the_old_tile_alerted_the_subscriber_by(string failingState)
    {
        // A zone straddling the eastern edge of Delčevo's tile; the subscriber crosses it.
        var tile = TileKey.FromPoint(NorthMacedonia.Delcevo, new RegionOptions().TileZoom);
        var edge = new GeoPoint((tile.NorthLat + tile.SouthLat) / 2, tile.EastLon).Offset(failingState == "subscriber" ? 0 : 180, 1.5);
        var west = edge.Offset(270, 0.5);
        var east = edge.Offset(90, 0.5);
        var eastKey = TileKey.FromPoint(east, new RegionOptions().TileZoom).ToGrainKey();
        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, west);
        var (caseId, grain) = await fixture.OpenCase(edge.Offset(270, 0.3), CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);

        // One write fails: the new tile's placement, or the subscriber's record after it.
        var failed = 0;
        var fault = fixture.Faults.FailWrites((stateName, grainId, state) =>
            (failingState == "subscriber"
                ? state is SubscriberState { Tile: var placedIn } && placedIn == eastKey && grainId.Key.ToString() == subscriberId
                : stateName.StartsWith(failingState, StringComparison.Ordinal) && grainId.Key.ToString() == eastKey)
            && Interlocked.Exchange(ref failed, 1) == 0);
        await Assert.ThrowsAnyAsync<Exception>(() => subscriber.UpdateLocation(east.Lat, east.Lon));
        fixture.Faults.Clear(fault);
        Assert.Equal(1, failed);

        Assert.True(await subscriber.UpdateLocation(east.Lat, east.Lon));
        Assert.Contains(caseId, await subscriber.GetAlertedCases());
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, version: 2);
        Assert.Equal([AlertKind.New, AlertKind.Update], fixture.Sink.KindsFor(caseId, subscriberId));
    }
}
