using System.Globalization;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Regions;

/// <summary>
/// A subscriber new to a tile is stored in the tile's record of arrivals, not by rewriting its
/// whole grid cell (thousands in a town); every 256 arrivals go into their cells. Whatever happens
/// to an arrival before then (a move, a push flag, a removal) is what the tile reads back.
/// Each test has a tile of its own, far from the others' towns.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class RegionArrivalsTests(ClusterFixture fixture)
{
    private const int Cells = 256;
    private const int ArrivalsLimit = 256;

    [Fact]
    public async Task A_subscriber_new_to_a_crowded_cell_is_stored_without_rewriting_the_cell_and_read_back_after_reactivation()
    {
        var (tile, point) = TileAround(new GeoPoint(41.9012, 20.7234));
        var region = fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey());
        for (var i = 0; i < 300; i++)
        {
            await region.Place(Subscriber($"crowd-{i}", point), []);
        }

        // The first 256 went into their cell together; the other 44 wait in the arrivals.
        var cell = Assert.Single(await StoredCells(tile), c => c.Subscribers.Count > 0);
        Assert.Equal(ArrivalsLimit, cell.Subscribers.Count);
        Assert.Equal(44, (await Arrivals(tile)).Count);

        await region.Place(Subscriber("crowd-300", point), []);

        var after = Assert.Single(await StoredCells(tile), c => c.Subscribers.Count > 0);
        Assert.Equal(cell.ETag, after.ETag);
        Assert.Contains("crowd-300", (await Arrivals(tile)).Select(s => s.Id));

        await fixture.Cluster.DeactivateAsync(region);
        for (var i = 0; i <= 300; i++)
        {
            var found = await region.Find($"crowd-{i}");
            Assert.NotNull(found);
            Assert.Equal(point.Lat, found.Lat);
        }
    }

    [Fact]
    public async Task The_256th_arrival_puts_every_arrival_into_its_cell_and_empties_the_arrivals()
    {
        var (tile, point) = TileAround(new GeoPoint(41.2345, 22.9456));
        var region = fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey());
        for (var i = 0; i < ArrivalsLimit - 1; i++)
        {
            await region.Place(Subscriber($"fold-{i}", point.Offset(i % 4 * 90, 2)), []);
        }

        Assert.Equal(ArrivalsLimit - 1, (await Arrivals(tile)).Count);
        Assert.Equal(0, (await StoredCells(tile)).Sum(c => c.Subscribers.Count));

        await region.Place(Subscriber("fold-last", point), []);

        Assert.Empty(await Arrivals(tile));
        var stored = (await StoredCells(tile)).SelectMany(c => c.Subscribers).Select(s => s.Id).ToList();
        Assert.Equal(ArrivalsLimit, stored.Count);
        Assert.Equal(ArrivalsLimit, stored.Distinct().Count());
        Assert.Contains("fold-last", stored);
    }

    [Fact]
    public async Task An_arrival_moved_flagged_or_removed_before_it_reached_its_cell_reads_back_as_it_was_left()
    {
        var (tile, point) = TileAround(new GeoPoint(41.6789, 21.2345));
        var region = fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey());
        var moved = point.Offset(90, 3);
        await region.Place(Subscriber("left-mover", point), []);
        await region.Place(Subscriber("left-pusher", point), []);
        await region.Place(Subscriber("left-gone", point), []);
        await region.Place(Subscriber("left-stays", point), []);

        Assert.Empty(await region.MoveMany([new("left-mover", moved.Lat, moved.Lon)]));
        Assert.True(await region.SetPush("left-pusher", true));
        await region.Remove("left-gone");
        await fixture.Cluster.DeactivateAsync(region);

        var mover = await region.Find("left-mover");
        Assert.Equal((moved.Lat, moved.Lon), (mover!.Lat, mover.Lon));
        Assert.True((await region.Find("left-pusher"))!.Push);
        Assert.Null(await region.Find("left-gone"));
        Assert.NotNull(await region.Find("left-stays"));
        // Nothing stored anywhere still names the removed subscriber (its position is personal data).
        Assert.DoesNotContain("left-gone", (await Arrivals(tile)).Select(s => s.Id));
        Assert.DoesNotContain("left-gone", (await StoredCells(tile)).SelectMany(c => c.Subscribers).Select(s => s.Id));
    }

    // The tile's centre: a few km either way stays inside it.
    private static (TileKey Tile, GeoPoint Centre) TileAround(GeoPoint point)
    {
        var tile = TileKey.FromPoint(point, 11);
        return (tile, new GeoPoint((tile.SouthLat + tile.NorthLat) / 2, (tile.WestLon + tile.EastLon) / 2));
    }

    private static RegionSubscriber Subscriber(string id, GeoPoint at) =>
        new(id, at.Lat, at.Lon, 1, SubscriberKind.Public, "en");

    private GrainId RegionId(TileKey tile) => fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey()).GetGrainId();

    private async Task<List<RegionSubscriber>> Arrivals(TileKey tile)
    {
        var state = new GrainState<RegionCellState>(new RegionCellState());
        await fixture.Storage.ReadStateAsync("region-arrivals", RegionId(tile), state);
        return state.State?.Subscribers ?? [];
    }

    private async Task<(string? ETag, List<RegionSubscriber> Subscribers)[]> StoredCells(TileKey tile) =>
        await Task.WhenAll(Enumerable.Range(0, Cells).Select(async cell =>
        {
            var state = new GrainState<RegionCellState>(new RegionCellState());
            await fixture.Storage.ReadStateAsync(string.Create(CultureInfo.InvariantCulture, $"region-cell-{cell}"), RegionId(tile), state);
            return (state.ETag, state.State?.Subscribers ?? []);
        }));
}
