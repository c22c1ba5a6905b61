using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using NetTopologySuite.Geometries;

namespace EarlyWarning.Gateway.Geo;

/// <summary>Draws a zone's circles as GeoJSON: [lon, lat] positions, as RFC 7946 orders them.</summary>
public static class ZoneShapes
{
    public static GeoJsonGeometry ToGeoJson(IEnumerable<AnchorCircle> anchors)
    {
        return ZoneGeometry.ToPolygon(anchors.ToZone()) switch
        {
            Polygon polygon => new GeoJsonGeometry("Polygon", Rings(polygon)),
            MultiPolygon multi => new GeoJsonGeometry("MultiPolygon", multi.Geometries.Cast<Polygon>().Select(Rings).ToArray()),
            var other => throw new InvalidOperationException($"A zone union gave a {other.GeometryType}."),
        };
    }

    private static double[][][] Rings(Polygon polygon) =>
        [Ring(polygon.ExteriorRing), .. polygon.InteriorRings.Select(Ring)];

    private static double[][] Ring(LineString ring) =>
        [.. ring.Coordinates.Select(c => new[] { Math.Round(c.X, 6), Math.Round(c.Y, 6) })];
}
