using CsCheck;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Geo;

public sealed class HaversineTests
{
    private const double ToleranceKm = 1e-6;

    [Fact]
    public void Skopje_to_Tetovo_is_about_37_and_a_half_km()
    {
        // Haversine on R = 6371.0088 km: 2R·asin(√h) for (41.9981, 21.4254) → (42.0106, 20.9715) = 37.531 km.
        var km = Haversine.DistanceKm(NorthMacedonia.Skopje, NorthMacedonia.Tetovo);

        Assert.InRange(km, 37.48, 37.58);
    }

    [Fact]
    public void One_degree_along_a_meridian_is_the_earth_radius_times_pi_over_180()
    {
        var km = Haversine.DistanceKm(new GeoPoint(41, 21.5), new GeoPoint(42, 21.5));

        Assert.Equal(Haversine.EarthRadiusKm * Math.PI / 180, km, 9);
    }

    [Fact]
    public void Distance_is_symmetric_and_obeys_the_triangle_inequality()
    {
        Gen.Select(NorthMacedonia.Point, NorthMacedonia.Point, NorthMacedonia.Point).Sample((a, b, c) =>
        {
            Assert.Equal(Haversine.DistanceKm(a, b), Haversine.DistanceKm(b, a), ToleranceKm);
            Assert.True(Haversine.DistanceKm(a, c) <= Haversine.DistanceKm(a, b) + Haversine.DistanceKm(b, c) + ToleranceKm);
            Assert.Equal(0, Haversine.DistanceKm(a, a));
        }, iter: 2_000);
    }

    [Fact]
    public void Destination_then_distance_round_trips_the_distance()
    {
        Gen.Select(NorthMacedonia.Point, Gen.Double[0, 360], Gen.Double[0, 300]).Sample((start, bearingDeg, distanceKm) =>
        {
            var end = Haversine.Destination(start, bearingDeg, distanceKm);

            Assert.Equal(distanceKm, Haversine.DistanceKm(start, end), ToleranceKm);
        }, iter: 2_000);
    }

    [Fact]
    public void Bounding_half_span_holds_every_point_within_the_radius()
    {
        Gen.Select(NorthMacedonia.Point, Gen.Double[0, 360], Gen.Double[0, 300]).Sample((centre, bearingDeg, radiusKm) =>
        {
            var (latDeg, lonDeg) = Haversine.BoundingHalfSpanDeg(centre, radiusKm);
            var edge = Haversine.Destination(centre, bearingDeg, radiusKm);

            Assert.True(Math.Abs(edge.Lat - centre.Lat) <= latDeg + 1e-9, $"lat {edge.Lat} outside ±{latDeg} of {centre.Lat}");
            Assert.True(Math.Abs(edge.Lon - centre.Lon) <= lonDeg + 1e-9, $"lon {edge.Lon} outside ±{lonDeg} of {centre.Lon}");
        }, iter: 2_000);
    }
}
