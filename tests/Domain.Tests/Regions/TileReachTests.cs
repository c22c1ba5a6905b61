using CsCheck;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Regions;

public sealed class TileReachTests
{
    // Up to three circles anywhere in the country, and up to forty zoom-11 tiles of it watching 0–100 km.
    private static readonly Gen<(GeoCircle[] Circles, TileKey[] Tiles, double[] WatchKm)> Zones =
        from circles in NorthMacedonia.Circle(0, 60).Array[1, 3]
        from tiles in Gen.Select(NorthMacedonia.Point, Gen.Double[0, 100], (p, w) => (Tile: TileKey.FromPoint(p, 11), WatchKm: w)).Array[0, 40]
        select (circles, tiles.Select(t => t.Tile).ToArray(), tiles.Select(t => t.WatchKm).ToArray());

    [Fact]
    public void Reaches_exactly_the_tiles_the_circles_touch_within_their_watch_radius()
    {
        Zones.Sample(s =>
        {
            var reached = new List<int>();
            TileReach.Measure(s.Circles, s.Tiles, s.WatchKm, reached);

            for (var t = 0; t < s.Tiles.Length; t++)
            {
                Assert.Equal(TileCover.Touches(s.Tiles[t], s.Circles, s.WatchKm[t]), reached.Contains(t));
            }
        }, iter: 300);
    }

    [Fact]
    public void Circles_grown_by_less_than_the_slack_reach_the_same_tiles_and_grown_past_it_one_more()
    {
        Zones.Where(s => s.Tiles.Length > 0).Sample(s =>
        {
            var reached = new List<int>();
            var slackKm = TileReach.Measure(s.Circles, s.Tiles, s.WatchKm, reached);
            if (double.IsPositiveInfinity(slackKm))
            {
                Assert.Equal(s.Tiles.Length, reached.Count);
                return;
            }

            var below = new List<int>();
            TileReach.Measure(Grown(s.Circles, slackKm - 0.001), s.Tiles, s.WatchKm, below);
            Assert.Equal(reached, below);

            var past = new List<int>();
            TileReach.Measure(Grown(s.Circles, slackKm + 0.001), s.Tiles, s.WatchKm, past);
            Assert.True(past.Count > reached.Count, $"grown past a slack of {slackKm} km, still {past.Count} tiles");
        }, iter: 300);
    }

    [Fact]
    public void With_no_tile_registered_a_zone_may_grow_without_end()
    {
        var reached = new List<int>();

        Assert.Equal(double.PositiveInfinity, TileReach.Measure([new GeoCircle(NorthMacedonia.Skopje, 5)], [], [], reached));
        Assert.Empty(reached);
    }

    private static GeoCircle[] Grown(GeoCircle[] circles, double km) =>
        [.. circles.Select(c => new GeoCircle(c.Centre, c.RadiusKm + km))];
}
