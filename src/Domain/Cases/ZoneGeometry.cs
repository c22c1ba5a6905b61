using EarlyWarning.Domain.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace EarlyWarning.Domain.Cases;

/// <summary>Builds the polygon of a zone for maps: WGS-84 degrees, X = lon, Y = lat.</summary>
public static class ZoneGeometry
{
    /// <summary>Vertices per circle; 64 keeps a 150 km circle within ~200 m of true.</summary>
    public const int VerticesPerCircle = 64;

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>
    /// The union of the zone's circles as a Polygon or MultiPolygon. Circle vertices are placed
    /// geodesically; the union runs in a local metric projection centred on the first circle, so
    /// NetTopologySuite's planar algorithms work on metres, not degrees.
    /// </summary>
    public static Geometry ToPolygon(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var projection = new LocalProjection(zone.Circles[0].Centre);
        var metric = new GeometryFactory(new PrecisionModel());
        var circles = zone.ShapingCircles.Select(c => (Geometry)metric.CreatePolygon(Ring(c, projection))).ToList();
        var union = circles.Count == 1 ? circles[0] : CascadedPolygonUnion.Union(circles);

        var inDegrees = Wgs84.CreateGeometry(union);
        inDegrees.Apply(new Unproject(projection));
        inDegrees.GeometryChanged();
        return inDegrees;
    }

    private static Coordinate[] Ring(GeoCircle circle, LocalProjection projection)
    {
        var ring = new Coordinate[VerticesPerCircle + 1];
        for (var i = 0; i < VerticesPerCircle; i++)
        {
            // Counter-clockwise from east, so the shell has the orientation GeoJSON (RFC 7946) wants.
            var bearing = 90.0 - (360.0 * i / VerticesPerCircle);
            ring[i] = projection.ToMetres(Haversine.Destination(circle.Centre, bearing, circle.RadiusKm));
        }

        ring[VerticesPerCircle] = ring[0].Copy();
        return ring;
    }

    private sealed class Unproject(LocalProjection projection) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var degrees = projection.ToDegrees(new Coordinate(seq.GetX(i), seq.GetY(i)));
                seq.SetX(i, degrees.X);
                seq.SetY(i, degrees.Y);
            }
        }
    }
}
