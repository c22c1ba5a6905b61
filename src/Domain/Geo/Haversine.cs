namespace EarlyWarning.Domain.Geo;

/// <summary>
/// Great-circle distances on a sphere of the WGS-84 mean radius. At the scales of a search zone
/// (up to a few hundred km) the error against the ellipsoid stays under 0.5 %.
/// </summary>
public static class Haversine
{
    /// <summary>The IUGG mean Earth radius, in km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Great-circle distance between two points, in km.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var dLat = (b.Lat - a.Lat) * DegToRad;
        var dLon = (b.Lon - a.Lon) * DegToRad;
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var h = (sinLat * sinLat) + (Math.Cos(a.Lat * DegToRad) * Math.Cos(b.Lat * DegToRad) * sinLon * sinLon);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The point reached from <paramref name="start"/> after <paramref name="distanceKm"/> on the initial bearing (degrees clockwise from north).</summary>
    public static GeoPoint Destination(GeoPoint start, double bearingDeg, double distanceKm)
    {
        var angular = distanceKm / EarthRadiusKm;
        var bearing = bearingDeg * DegToRad;
        var lat1 = start.Lat * DegToRad;
        var lon1 = start.Lon * DegToRad;
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(angular)) + (Math.Cos(lat1) * Math.Sin(angular) * Math.Cos(bearing)));
        var lon2 = lon1 + Math.Atan2(
            Math.Sin(bearing) * Math.Sin(angular) * Math.Cos(lat1),
            Math.Cos(angular) - (Math.Sin(lat1) * Math.Sin(lat2)));
        var lonDeg = ((lon2 / DegToRad) + 540) % 360 - 180;
        return new GeoPoint(lat2 / DegToRad, lonDeg);
    }

    /// <summary>
    /// Half-widths in degrees of a box that contains every point within <paramref name="radiusKm"/>
    /// of <paramref name="centre"/>: a cheap pre-filter before the exact distance.
    /// </summary>
    public static (double LatDeg, double LonDeg) BoundingHalfSpanDeg(GeoPoint centre, double radiusKm)
    {
        var latDeg = radiusKm / EarthRadiusKm / DegToRad;
        var polewardLat = Math.Min(89.9, Math.Abs(centre.Lat) + latDeg);
        var lonDeg = latDeg / Math.Cos(polewardLat * DegToRad);
        return (latDeg, Math.Min(180, lonDeg));
    }
}
