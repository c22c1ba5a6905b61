using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Regions;

/// <summary>
/// Which registered tiles a zone reaches, and how much farther it may grow before it reaches one
/// more. A tile is reached when some circle, widened by the tile's watch radius, touches it (the
/// rule of <see cref="TileCover.Touches"/>). While every circle has grown by less than the slack,
/// the reached tiles stay the same: a growing zone is measured again only once it has grown that
/// much, or the tiles have changed.
/// </summary>
public static class TileReach
{
    /// <summary>
    /// Adds to <paramref name="reached"/> the index of every tile of <paramref name="tiles"/>
    /// (watching as far as <paramref name="watchKm"/>, index by index) that <paramref name="circles"/>
    /// reach, and answers the slack in km: infinite when no tile is left unreached.
    /// </summary>
    public static double Measure(IReadOnlyList<GeoCircle> circles, IReadOnlyList<TileKey> tiles, IReadOnlyList<double> watchKm, ICollection<int> reached)
    {
        ArgumentNullException.ThrowIfNull(circles);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(watchKm);
        ArgumentNullException.ThrowIfNull(reached);
        var slack = double.PositiveInfinity;
        for (var t = 0; t < tiles.Count; t++)
        {
            var gap = double.PositiveInfinity;
            foreach (var circle in circles)
            {
                var distance = TileCover.DistanceToTileKm(circle.Centre, tiles[t]);
                var reach = circle.RadiusKm + watchKm[t];

                // The same comparison as TileCover.Touches, so both always agree on a tile.
                if (distance <= reach)
                {
                    gap = 0;
                    break;
                }

                gap = Math.Min(gap, distance - reach);
            }

            if (gap == 0)
            {
                reached.Add(t);
            }
            else
            {
                slack = Math.Min(slack, gap);
            }
        }

        return slack;
    }
}
