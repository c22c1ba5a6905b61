using CsCheck;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Tests.Infrastructure;
using NetTopologySuite.Geometries;
using Xunit;

namespace EarlyWarning.Domain.Tests.Cases;

public sealed class ZoneGeometryTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private static Point At(GeoPoint p) => Wgs84.CreatePoint(new Coordinate(p.Lon, p.Lat));

    [Fact]
    public void Polygon_holds_centres_and_nine_tenths_of_each_radius_but_not_eleven_tenths()
    {
        Gen.Select(NorthMacedonia.Zones, Gen.Double[0, 360]).Sample((zone, bearingDeg) =>
        {
            var polygon = ZoneGeometry.ToPolygon(zone);

            foreach (var circle in zone.Circles)
            {
                var inner = Haversine.Destination(circle.Centre, bearingDeg, 0.9 * circle.RadiusKm);
                var outer = Haversine.Destination(circle.Centre, bearingDeg, 1.1 * circle.RadiusKm);

                Assert.True(polygon.Covers(At(circle.Centre)), $"centre {circle.Centre} outside");
                Assert.True(polygon.Covers(At(inner)), $"{inner} at 0.9 r of {circle} outside");

                // A point past one circle may sit inside another; only points clear of every circle must be out.
                var clearOfAll = zone.Circles.All(c => Haversine.DistanceKm(outer, c.Centre) >= 1.02 * c.RadiusKm);
                if (clearOfAll)
                {
                    Assert.False(polygon.Intersects(At(outer)), $"{outer} at 1.1 r of {circle} inside");
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void Disjoint_circles_give_a_multipolygon_and_overlapping_ones_a_polygon()
    {
        var skopje = new GeoCircle(NorthMacedonia.Skopje, 10);

        var apart = ZoneGeometry.ToPolygon(new Zone([skopje, new GeoCircle(NorthMacedonia.Tetovo, 10)]));
        var overlapping = ZoneGeometry.ToPolygon(new Zone([skopje, new GeoCircle(NorthMacedonia.Tetovo, 30)]));

        Assert.IsType<MultiPolygon>(apart);
        Assert.Equal(2, apart.NumGeometries);
        Assert.IsType<Polygon>(overlapping);
        Assert.True(overlapping.IsValid);
    }

    [Fact]
    public void Polygon_is_in_wgs84_degrees_with_x_as_longitude()
    {
        var polygon = ZoneGeometry.ToPolygon(new Zone([new GeoCircle(NorthMacedonia.Skopje, 10)]));
        var envelope = polygon.EnvelopeInternal;
        var (latDeg, lonDeg) = Haversine.BoundingHalfSpanDeg(NorthMacedonia.Skopje, 10);

        Assert.Equal(4326, polygon.SRID);
        Assert.Equal(ZoneGeometry.VerticesPerCircle + 1, polygon.NumPoints);
        Assert.Equal(NorthMacedonia.Skopje.Lon, envelope.Centre.X, 3);
        Assert.Equal(NorthMacedonia.Skopje.Lat, envelope.Centre.Y, 3);
        Assert.InRange(envelope.Height / 2, 0.99 * latDeg, latDeg + 1e-9);
        Assert.InRange(envelope.Width / 2, 0.98 * lonDeg, lonDeg + 1e-9);
    }
}
