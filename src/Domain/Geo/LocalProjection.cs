using NetTopologySuite.Geometries;

namespace EarlyWarning.Domain.Geo;

/// <summary>
/// An equirectangular projection centred on <see cref="Origin"/>, in metres: X east, Y north.
/// Within ~200 km of the origin its scale error is well under 1 %, enough for drawing zones;
/// distances that decide alerts use <see cref="Haversine"/>, never this projection.
/// </summary>
public sealed class LocalProjection(GeoPoint origin)
{
    private const double MetresPerDegreeLat = Haversine.EarthRadiusKm * 1000 * Math.PI / 180.0;

    private readonly double _metresPerDegreeLon = MetresPerDegreeLat * Math.Cos(origin.Lat * Math.PI / 180.0);

    /// <summary>The point that maps to (0, 0).</summary>
    public GeoPoint Origin { get; } = origin;

    /// <summary>Projects a WGS-84 point to metres east (X) and north (Y) of the origin.</summary>
    public Coordinate ToMetres(GeoPoint point) => new(
        (point.Lon - Origin.Lon) * _metresPerDegreeLon,
        (point.Lat - Origin.Lat) * MetresPerDegreeLat);

    /// <summary>The inverse of <see cref="ToMetres"/>: X = lon, Y = lat, in degrees.</summary>
    public Coordinate ToDegrees(Coordinate metres) => new(
        Origin.Lon + (metres.X / _metresPerDegreeLon),
        Origin.Lat + (metres.Y / MetresPerDegreeLat));
}
