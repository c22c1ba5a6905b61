using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// How far each anchor of a case may reach before its zone touches a directory shard outside
/// <see cref="Shards"/> (<see cref="TileCover.Horizon"/>, worked out once per anchor): a zone tick
/// checks its circles against it instead of covering them with shards again.
/// </summary>
internal sealed class ShardHorizons(IReadOnlySet<string> shards)
{
    private readonly HashSet<TileKey> _tiles = [.. shards.Select(TileKey.Parse)];
    private readonly Dictionary<GeoPoint, double> _byCentre = [];

    /// <summary>The shard keys these horizons are measured against.</summary>
    public IReadOnlySet<string> Shards { get; } = shards;

    /// <summary>True when no circle, widened by <paramref name="extraKm"/>, reaches a shard outside <see cref="Shards"/>.</summary>
    public bool Hold(IReadOnlyList<GeoCircle> circles, double extraKm)
    {
        foreach (var circle in circles)
        {
            if (!_byCentre.TryGetValue(circle.Centre, out var horizon))
            {
                _byCentre[circle.Centre] = horizon = TileCover.Horizon(circle.Centre, _tiles);
            }

            if (circle.RadiusKm + extraKm >= horizon)
            {
                return false;
            }
        }

        return true;
    }
}
