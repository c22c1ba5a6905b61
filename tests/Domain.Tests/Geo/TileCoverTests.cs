using CsCheck;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Geo;

public sealed class TileCoverTests
{
    private const int Zoom = 11;

    [Fact]
    public void A_circle_of_no_size_covers_only_its_own_tile()
    {
        var tiles = TileCover.Tiles([new GeoCircle(NorthMacedonia.Skopje, 0)], extraKm: 0, Zoom);

        Assert.Equal(new TileKey(11, 1145, 760), Assert.Single(tiles));
    }

    [Fact]
    public void Subscriber_within_watch_radius_of_a_zone_always_sits_in_a_covered_tile()
    {
        var gen =
            from zone in NorthMacedonia.Zones
            from watchKm in Gen.Double[0, 10]
            from slackKm in Gen.Double[0, 5]
            from which in Gen.Int[0, 2]
            from bearingDeg in Gen.Double[0, 360]
            from fraction in Gen.Double[0, 0.999]
            from anywhere in NorthMacedonia.Point
            select (zone, watchKm, slackKm, which, bearingDeg, fraction, anywhere);

        gen.Sample(s =>
        {
            var tiles = TileCover.Tiles(s.zone.Circles, s.watchKm + s.slackKm, Zoom);
            var circle = s.zone.Circles[s.which % s.zone.Circles.Count];
            var nearEdge = Haversine.Destination(circle.Centre, s.bearingDeg, s.fraction * (circle.RadiusKm + s.watchKm));

            Assert.True(s.zone.Reaches(nearEdge, s.watchKm, out _), "the generator builds a subscriber within reach");
            foreach (var subscriber in new[] { nearEdge, s.anywhere })
            {
                if (s.zone.Reaches(subscriber, s.watchKm, out _))
                {
                    Assert.Contains(TileKey.FromPoint(subscriber, Zoom), tiles);
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void Distance_to_tile_is_zero_inside_and_never_more_than_to_any_point_of_the_tile()
    {
        var gen =
            from home in NorthMacedonia.Point
            from zoom in Gen.Int[8, 14]
            from point in NorthMacedonia.Point
            from northward in Gen.Double[0, 1]
            from eastward in Gen.Double[0, 1]
            select (home, zoom, point, northward, eastward);

        gen.Sample(s =>
        {
            var tile = TileKey.FromPoint(s.home, s.zoom);
            var inside = new GeoPoint(
                tile.SouthLat + (s.northward * (tile.NorthLat - tile.SouthLat)),
                tile.WestLon + (s.eastward * (tile.EastLon - tile.WestLon)));

            Assert.Equal(0, TileCover.DistanceToTileKm(s.home, tile));
            Assert.Equal(0, TileCover.DistanceToTileKm(inside, tile));
            Assert.True(
                TileCover.DistanceToTileKm(s.point, tile) <= Haversine.DistanceKm(s.point, inside) + 1e-9,
                $"{s.point} is nearer to {inside} than DistanceToTileKm says");
        }, iter: 5_000);
    }

    [Fact]
    public void Distance_to_tile_is_attained_on_the_tile_boundary()
    {
        const int Steps = 400;
        Gen.Select(NorthMacedonia.Point, NorthMacedonia.Point).Sample((home, point) =>
        {
            var tile = TileKey.FromPoint(home, Zoom);
            var nearestOnBoundary = double.PositiveInfinity;
            for (var i = 0; i <= Steps; i++)
            {
                var lat = tile.SouthLat + (i * (tile.NorthLat - tile.SouthLat) / Steps);
                var lon = tile.WestLon + (i * (tile.EastLon - tile.WestLon) / Steps);
                nearestOnBoundary = new[]
                {
                    nearestOnBoundary,
                    Haversine.DistanceKm(point, new GeoPoint(lat, tile.WestLon)),
                    Haversine.DistanceKm(point, new GeoPoint(lat, tile.EastLon)),
                    Haversine.DistanceKm(point, new GeoPoint(tile.NorthLat, lon)),
                    Haversine.DistanceKm(point, new GeoPoint(tile.SouthLat, lon)),
                }.Min();
            }

            var km = TileCover.DistanceToTileKm(point, tile);
            if (km > 0)
            {
                // The boundary is sampled every ~40 m; the exact nearest point lies between two samples.
                Assert.InRange(nearestOnBoundary - km, -1e-9, 0.05);
            }
        }, iter: 300);
    }

    [Fact]
    public void Touches_agrees_with_the_covered_tiles_and_their_neighbours()
    {
        Gen.Select(NorthMacedonia.Zones, Gen.Double[0, 10]).Sample((zone, extraKm) =>
        {
            var tiles = TileCover.Tiles(zone.Circles, extraKm, Zoom);
            var neighbours = tiles
                .SelectMany(t => new[] { t with { X = t.X - 1 }, t with { X = t.X + 1 }, t with { Y = t.Y - 1 }, t with { Y = t.Y + 1 } })
                .Where(t => !tiles.Contains(t))
                .ToHashSet();

            Assert.All(tiles, t => Assert.True(TileCover.Touches(t, zone.Circles, extraKm), $"{t} covered but not touched"));
            Assert.All(neighbours, t => Assert.False(TileCover.Touches(t, zone.Circles, extraKm), $"{t} touched but not covered"));
        }, iter: 100);
    }

    [Fact]
    public void A_circle_grown_below_the_horizon_covers_the_same_tiles_and_one_grown_to_it_covers_more()
    {
        var gen =
            from centre in NorthMacedonia.Point
            from radiusKm in Gen.Double[0, 150]
            from zoom in Gen.Int[5, 9]
            select (centre, radiusKm, zoom);

        gen.Sample(s =>
        {
            var tiles = TileCover.Tiles([new GeoCircle(s.centre, s.radiusKm)], 100, s.zoom);
            var horizon = TileCover.Horizon(s.centre, tiles);

            Assert.True(horizon > s.radiusKm + 100, $"horizon {horizon} km within the covered reach");
            Assert.True(tiles.SetEquals(TileCover.Tiles([new GeoCircle(s.centre, horizon - 100 - 0.001)], 100, s.zoom)), "a tile added below the horizon");
            Assert.True(TileCover.Tiles([new GeoCircle(s.centre, horizon - 100 + 0.001)], 100, s.zoom).Count > tiles.Count);
        }, iter: 300);
    }

    [Fact]
    public void A_centre_outside_the_tiles_has_no_horizon()
    {
        var elsewhere = TileCover.Tiles([new GeoCircle(NorthMacedonia.Skopje, 1)], 0, 7);

        Assert.Equal(0, TileCover.Horizon(new GeoPoint(48.2, 16.4), elsewhere));
        Assert.Equal(0, TileCover.Horizon(NorthMacedonia.Skopje, new HashSet<TileKey>()));
    }
}
