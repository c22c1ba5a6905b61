namespace EarlyWarning.Domain.Geo;

/// <summary>A point on the WGS-84 ellipsoid, in degrees.</summary>
/// <param name="Lat">Latitude in degrees, −90 to 90.</param>
/// <param name="Lon">Longitude in degrees, −180 to 180.</param>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>True when <paramref name="lat"/> is a finite latitude in [−90, 90].</summary>
    public static bool IsValidLat(double lat) => double.IsFinite(lat) && lat is >= -90 and <= 90;

    /// <summary>True when <paramref name="lon"/> is a finite longitude in [−180, 180].</summary>
    public static bool IsValidLon(double lon) => double.IsFinite(lon) && lon is >= -180 and <= 180;
}
