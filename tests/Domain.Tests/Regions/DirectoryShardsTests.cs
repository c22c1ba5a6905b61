using CsCheck;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Regions;

public sealed class DirectoryShardsTests
{
    private const int TileZoom = 11;
    private const int ShardZoom = 7;
    private const double MaxWatchKm = 100;

    [Fact]
    public void A_tile_belongs_to_the_shard_that_contains_it()
    {
        var tile = TileKey.FromPoint(NorthMacedonia.Skopje, TileZoom);

        var shard = DirectoryShards.ShardOf(tile, ShardZoom);

        Assert.Equal(TileKey.FromPoint(NorthMacedonia.Skopje, ShardZoom), shard);
        Assert.True(shard.WestLon <= tile.WestLon && tile.EastLon <= shard.EastLon);
        Assert.True(shard.SouthLat <= tile.SouthLat && tile.NorthLat <= shard.NorthLat);
    }

    [Fact]
    public void A_shard_zoom_finer_than_the_tile_is_refused()
    {
        var tile = TileKey.FromPoint(NorthMacedonia.Skopje, TileZoom);

        Assert.Throws<ArgumentOutOfRangeException>(() => DirectoryShards.ShardOf(tile, TileZoom + 1));
    }

    [Fact]
    public void A_zone_that_can_reach_a_tile_is_always_published_to_the_tiles_shard()
    {
        var gen =
            from zone in NorthMacedonia.Zones
            from watchKm in Gen.Double[0, MaxWatchKm]
            from tilePoint in NorthMacedonia.Point
            select (zone, watchKm, tile: TileKey.FromPoint(tilePoint, TileZoom));

        gen.Sample(s =>
        {
            if (TileCover.Touches(s.tile, s.zone.ShapingCircles, s.watchKm))
            {
                Assert.Contains(DirectoryShards.ShardOf(s.tile, ShardZoom), DirectoryShards.Reached(s.zone.ShapingCircles, MaxWatchKm, ShardZoom));
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_small_zone_over_skopje_asks_a_few_shards_not_the_whole_grid()
    {
        var shards = DirectoryShards.Reached([new GeoCircle(NorthMacedonia.Skopje, 5)], MaxWatchKm, ShardZoom);

        // Zoom-7 shards are ~230 km across here: 5 km plus 100 km of watch spans at most two of them each way.
        Assert.InRange(shards.Count, 1, 4);
        Assert.Contains(TileKey.FromPoint(NorthMacedonia.Skopje, ShardZoom), shards);
    }
}
