using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Regions;

/// <summary>Moves within a tile are stored within the flush delay: a refused flush is not forgotten.</summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class UnstoredMovesTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Ohrid = new(41.1172, 20.8016);

    [Fact]
    public async Task A_move_whose_flush_the_store_refused_is_stored_once_it_answers_again()
    {
        var id = Given.SubscriberId();
        var to = Ohrid.Offset(90, 1);
        var tileKey = TileKey.FromPoint(Ohrid, new RegionOptions().TileZoom);
        Assert.Equal(tileKey, TileKey.FromPoint(to, new RegionOptions().TileZoom));
        var grain = fixture.Client.GetGrain<ISubscriberGrain>(id);
        var tile = fixture.Client.GetGrain<IRegionGrain>(tileKey.ToGrainKey());
        await grain.Subscribe(new SubscriberProfile(SubscriberKind.Public, "mk", 2, Ohrid.Lat, Ohrid.Lon));
        var refused = 0;
        var fault = fixture.Faults.FailWrites((stateName, grainId, _) =>
            stateName.StartsWith("region-cell-", StringComparison.Ordinal)
            && grainId.Key.ToString() == tileKey.ToGrainKey()
            && Interlocked.Increment(ref refused) > 0);

        // A move within the tile: its cells are written after the flush delay (1 s), and refused.
        Assert.True(await grain.UpdateLocation(to.Lat, to.Lon));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref refused) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(Volatile.Read(ref refused) > 0, "the tile never tried to store the move");
        fixture.Faults.Clear(fault);

        // As stored: the tile read again from its cells has the subscriber where it moved to.
        await fixture.Cluster.DeactivateAsync(tile);
        var held = await tile.Find(id);
        Assert.NotNull(held);
        Assert.Equal((to.Lat, to.Lon), (held.Lat, held.Lon));
    }
}
