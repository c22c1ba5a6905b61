namespace EarlyWarning.Workload.Subscribers;

/// <summary>
/// Rounds positions to the centres of the 2^26 × 2^26 cells over longitude ±180° and latitude
/// ±85.05112878° — the grid Redis GEO keeps (a 52-bit geohash per member, cells of about
/// 0.3 m × 0.4 m here), computed as Redis decodes it. Points generated on that grid are held by
/// Redis exactly as by EarlyWarning, so the two answer a zone with the same recipients to the
/// last one, instead of differing by rounding at the edge.
/// </summary>
public static class GeohashGrid
{
    /// <summary>Redis's latitude limit (EPSG:900913), degrees.</summary>
    public const double LatLimit = 85.05112878;

    private const double Cells = 1UL << 26;

    /// <summary>The centre of the grid cell holding <paramref name="lat"/>.</summary>
    public static double SnapLat(double lat) => Snap(lat, -LatLimit, LatLimit);

    /// <summary>The centre of the grid cell holding <paramref name="lon"/>.</summary>
    public static double SnapLon(double lon) => Snap(lon, -180, 180);

    /// <summary>Snaps every position of <paramref name="lats"/> and <paramref name="lons"/> in place.</summary>
    public static void SnapAll(Span<double> lats, Span<double> lons)
    {
        for (var i = 0; i < lats.Length; i++)
        {
            lats[i] = SnapLat(lats[i]);
        }

        for (var i = 0; i < lons.Length; i++)
        {
            lons[i] = SnapLon(lons[i]);
        }
    }

    private static double Snap(double value, double min, double max)
    {
        // Same operations in the same order as Redis's geohashEncode / geohashDecode, so the
        // centre computed here is the one Redis computes back from the stored score.
        var range = max - min;
        var cell = Math.Floor((value - min) / range * Cells);
        var low = min + (cell / Cells * range);
        var high = min + ((cell + 1) / Cells * range);
        return (low + high) / 2;
    }
}
