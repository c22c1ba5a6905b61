using CsCheck;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Tests.Infrastructure;

/// <summary>Known places and CsCheck generators over North Macedonia's bounding box, where the service runs.</summary>
public static class NorthMacedonia
{
    public const double SouthLat = 40.85;
    public const double NorthLat = 42.37;
    public const double WestLon = 20.45;
    public const double EastLon = 23.04;

    public static readonly GeoPoint Skopje = new(41.9981, 21.4254);
    public static readonly GeoPoint Tetovo = new(42.0106, 20.9715);

    /// <summary>A point anywhere in the bounding box.</summary>
    public static readonly Gen<GeoPoint> Point =
        Gen.Select(Gen.Double[SouthLat, NorthLat], Gen.Double[WestLon, EastLon], (lat, lon) => new GeoPoint(lat, lon));

    /// <summary>A circle centred in the box with a radius in [<paramref name="minKm"/>, <paramref name="maxKm"/>].</summary>
    public static Gen<GeoCircle> Circle(double minKm, double maxKm) =>
        Gen.Select(Point, Gen.Double[minKm, maxKm], (centre, radiusKm) => new GeoCircle(centre, radiusKm));

    /// <summary>A zone of one to three circles, radii from half the base radius up to the vehicle maximum.</summary>
    public static readonly Gen<Zone> Zones = Circle(0.5, 150).Array[1, 3].Select(circles => new Zone(circles));
}
