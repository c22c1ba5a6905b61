namespace EarlyWarning.Domain.Geo;

/// <summary>Which tiles a set of circles, widened by a reach, touches.</summary>
public static class TileCover
{
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>
    /// Every tile at <paramref name="zoom"/> that has a point within
    /// <c>circle.RadiusKm + extraKm</c> of some circle's centre. A subscriber whose watch radius is at
    /// most <paramref name="extraKm"/> and who is within reach of a circle always sits in one of them.
    /// </summary>
    public static IReadOnlySet<TileKey> Tiles(IEnumerable<GeoCircle> circles, double extraKm, int zoom)
    {
        var tiles = new HashSet<TileKey>();
        foreach (var circle in circles)
        {
            var reachKm = circle.RadiusKm + extraKm;
            var (latSpan, lonSpan) = Haversine.BoundingHalfSpanDeg(circle.Centre, reachKm);
            var northWest = TileKey.FromPoint(new GeoPoint(circle.Centre.Lat + latSpan, Math.Max(-180, circle.Centre.Lon - lonSpan)), zoom);
            var southEast = TileKey.FromPoint(new GeoPoint(circle.Centre.Lat - latSpan, Math.Min(180, circle.Centre.Lon + lonSpan)), zoom);
            for (var x = northWest.X; x <= southEast.X; x++)
            {
                for (var y = northWest.Y; y <= southEast.Y; y++)
                {
                    var tile = new TileKey(zoom, x, y);
                    if (!tiles.Contains(tile) && DistanceToTileKm(circle.Centre, tile) <= reachKm)
                    {
                        tiles.Add(tile);
                    }
                }
            }
        }

        return tiles;
    }

    /// <summary>
    /// How far <paramref name="centre"/> is from the nearest tile not in <paramref name="tiles"/>
    /// (all at one zoom); 0 when its own tile is not among them. A circle about
    /// <paramref name="centre"/> widened to less than this touches no other tile, so a growing zone
    /// can be checked against it instead of covering it again: the first tile a growing circle
    /// touches borders one it touched already, so only the neighbours of the set are measured.
    /// </summary>
    public static double Horizon(GeoPoint centre, IReadOnlySet<TileKey> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0)
        {
            return 0;
        }

        var zoom = tiles.First().Zoom;
        if (!tiles.Contains(TileKey.FromPoint(centre, zoom)))
        {
            return 0;
        }

        var n = 1 << zoom;
        var nearest = double.PositiveInfinity;
        foreach (var tile in tiles)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    var y = tile.Y + dy;
                    var neighbour = new TileKey(zoom, (tile.X + dx + n) % n, y);
                    if (y >= 0 && y < n && !tiles.Contains(neighbour))
                    {
                        nearest = Math.Min(nearest, DistanceToTileKm(centre, neighbour));
                    }
                }
            }
        }

        return nearest;
    }

    /// <summary>True when some point of <paramref name="tile"/> is within <c>RadiusKm + extraKm</c> of a circle.</summary>
    public static bool Touches(TileKey tile, IEnumerable<GeoCircle> circles, double extraKm)
    {
        foreach (var circle in circles)
        {
            if (DistanceToTileKm(circle.Centre, tile) <= circle.RadiusKm + extraKm)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Great-circle distance in km from <paramref name="point"/> to the nearest point of the tile
    /// (0 inside). Edges are parallels and meridians; the nearest point on a meridian edge is the
    /// foot of the perpendicular, clamped to the edge, so the result is exact, not a box estimate.
    /// </summary>
    public static double DistanceToTileKm(GeoPoint point, TileKey tile) =>
        DistanceToRectKm(point, tile.SouthLat, tile.WestLon, tile.NorthLat, tile.EastLon);

    /// <summary>
    /// <see cref="DistanceToTileKm"/> for any rectangle of parallels and meridians (degrees), such
    /// as a cell of a tile's grid.
    /// </summary>
    public static double DistanceToRectKm(GeoPoint point, double south, double west, double north, double east)
    {
        if (point.Lon >= west && point.Lon <= east)
        {
            var lat = Math.Clamp(point.Lat, south, north);
            return lat == point.Lat ? 0 : Haversine.DistanceKm(point, new GeoPoint(lat, point.Lon));
        }

        var edgeLon = point.Lon < west ? west : east;
        var dLon = (edgeLon - point.Lon) * DegToRad;
        if (Math.Abs(dLon) >= Math.PI / 2)
        {
            // Beyond a quarter turn the nearest point is a corner; tiles that far never matter here.
            return Math.Min(
                Haversine.DistanceKm(point, new GeoPoint(north, edgeLon)),
                Haversine.DistanceKm(point, new GeoPoint(south, edgeLon)));
        }

        var footLat = Math.Atan(Math.Tan(point.Lat * DegToRad) / Math.Cos(dLon)) / DegToRad;
        return Haversine.DistanceKm(point, new GeoPoint(Math.Clamp(footLat, south, north), edgeLon));
    }
}
