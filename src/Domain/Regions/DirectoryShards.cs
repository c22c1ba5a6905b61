using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Regions;

/// <summary>
/// How the region directory is split: one shard per tile at a coarser zoom (a parent of the region
/// tiles). A tile registers with the shard that contains it; a zone is published to every shard
/// within its radius plus the largest watch radius any subscriber may have. A shard contains its
/// tiles, so no point of a tile is nearer a circle than the nearest point of its shard: whenever a
/// zone can reach a tile, it is published to that tile's shard, where the two meet.
/// </summary>
public static class DirectoryShards
{
    /// <summary>The shard (the ancestor tile at <paramref name="shardZoom"/>) that holds <paramref name="tile"/>.</summary>
    public static TileKey ShardOf(TileKey tile, int shardZoom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardZoom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardZoom, tile.Zoom);
        var levels = tile.Zoom - shardZoom;
        return new TileKey(shardZoom, tile.X >> levels, tile.Y >> levels);
    }

    /// <summary>
    /// The shards a zone of <paramref name="circles"/> must be published to: every shard with a
    /// point within a circle's radius plus <paramref name="maxWatchRadiusKm"/>, so every tile a
    /// subscriber watching that far could be alerted in.
    /// </summary>
    public static IReadOnlySet<TileKey> Reached(IEnumerable<GeoCircle> circles, double maxWatchRadiusKm, int shardZoom) =>
        TileCover.Tiles(circles, maxWatchRadiusKm, shardZoom);
}
