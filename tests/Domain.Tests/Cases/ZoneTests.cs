using CsCheck;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EarlyWarning.Domain.Tests.Cases;

public sealed class ZoneTests
{
    private static readonly DateTimeOffset LastSeen = new(2025, 6, 1, 14, 0, 0, TimeSpan.Zero);

    private readonly ZonePolicy _policy = new();

    [Fact]
    public void Older_anchor_stays_live_until_retire_after_has_passed_since_the_newer_one()
    {
        var time = new FakeTimeProvider(LastSeen);
        var lastSeen = new ZoneAnchor(NorthMacedonia.Skopje, time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));
        var sighting = new ZoneAnchor(NorthMacedonia.Tetovo, time.GetUtcNow());
        ZoneAnchor[] anchors = [sighting, lastSeen];

        time.Advance(_policy.AnchorRetireAfter - TimeSpan.FromTicks(1));
        Assert.Equal([lastSeen, sighting], Zone.LiveAnchors(anchors, _policy, time.GetUtcNow()));

        time.Advance(TimeSpan.FromTicks(2));
        Assert.Equal([sighting], Zone.LiveAnchors(anchors, _policy, time.GetUtcNow()));
    }

    [Fact]
    public void Each_anchor_retires_by_its_own_successor_and_the_newest_never_retires()
    {
        var a = new ZoneAnchor(NorthMacedonia.Skopje, LastSeen);
        var b = new ZoneAnchor(NorthMacedonia.Tetovo, LastSeen.AddMinutes(10));
        var c = new ZoneAnchor(new GeoPoint(41.1172, 20.8016), LastSeen.AddMinutes(20));
        ZoneAnchor[] anchors = [c, a, b];
        var time = new FakeTimeProvider(LastSeen);

        time.Advance(TimeSpan.FromMinutes(45)); // a's successor b + 30 min = 40 min; b's successor c + 30 min = 50 min
        Assert.Equal([b, c], Zone.LiveAnchors(anchors, _policy, time.GetUtcNow()));

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([c], Zone.LiveAnchors(anchors, _policy, time.GetUtcNow()));

        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal([c], Zone.LiveAnchors(anchors, _policy, time.GetUtcNow()));
    }

    [Fact]
    public void Compute_draws_one_growing_circle_per_live_anchor_oldest_first()
    {
        var time = new FakeTimeProvider(LastSeen);
        var lastSeen = new ZoneAnchor(NorthMacedonia.Skopje, time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));
        var sighting = new ZoneAnchor(NorthMacedonia.Tetovo, time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(12));

        var zone = Zone.Compute([sighting, lastSeen], TravelMode.Walking, _policy, time.GetUtcNow());

        Assert.Equal(
            [new GeoCircle(NorthMacedonia.Skopje, 1 + (5 * 1.2)), new GeoCircle(NorthMacedonia.Tetovo, 1 + (5 * 0.2))],
            zone.Circles.Select(c => c with { RadiusKm = Math.Round(c.RadiusKm, 9) }));
        Assert.Equal(7.0, zone.MaxRadiusKm, 9);
    }

    [Fact]
    public void Zone_without_anchors_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Zone.Compute([], TravelMode.Walking, _policy, LastSeen));
        Assert.Throws<ArgumentException>(() => new Zone([]));
    }

    [Fact]
    public void Zone_never_shrinks_between_anchor_changes()
    {
        var anchor = Gen.Select(NorthMacedonia.Point, Gen.Int[0, 240], (point, minutes) => new ZoneAnchor(point, LastSeen.AddMinutes(minutes)));
        var gen =
            from anchors in anchor.Array[1, 3]
            from mode in Gen.Enum<TravelMode>()
            from firstMinutes in Gen.Int[0, 600]
            from laterMinutes in Gen.Int[1, 600]
            from point in NorthMacedonia.Point
            select (anchors, mode, firstMinutes, laterMinutes, point);

        gen.Sample(s =>
        {
            var time = new FakeTimeProvider(LastSeen);
            time.Advance(TimeSpan.FromMinutes(s.firstMinutes));
            var t1 = time.GetUtcNow();
            time.Advance(TimeSpan.FromMinutes(s.laterMinutes));
            var t2 = time.GetUtcNow();
            if (!Zone.LiveAnchors(s.anchors, _policy, t1).SequenceEqual(Zone.LiveAnchors(s.anchors, _policy, t2)))
            {
                return; // an anchor retired in between: the zone may legitimately shrink
            }

            var before = Zone.Compute(s.anchors, s.mode, _policy, t1);
            var after = Zone.Compute(s.anchors, s.mode, _policy, t2);

            Assert.True(after.DistanceKm(s.point) <= before.DistanceKm(s.point));
            Assert.All(before.Circles.Zip(after.Circles), pair => Assert.True(pair.Second.RadiusKm >= pair.First.RadiusKm));
        }, iter: 2_000);
    }

    [Fact]
    public void Reaches_agrees_with_the_distance_to_the_zone()
    {
        Gen.Select(NorthMacedonia.Zones, NorthMacedonia.Point, Gen.Double[0, 20]).Sample((zone, point, watchKm) =>
        {
            var distanceKm = zone.DistanceKm(point);

            Assert.Equal(distanceKm <= watchKm, zone.Reaches(point, watchKm, out var reportedKm));
            if (distanceKm <= watchKm)
            {
                Assert.Equal(distanceKm, reportedKm);
            }
        }, iter: 2_000);
    }

    [Fact]
    public void The_widest_circles_hold_every_zone_the_anchors_made_up_to_now()
    {
        var lastSeen = new ZoneAnchor(NorthMacedonia.Skopje, LastSeen);
        var sighting = new ZoneAnchor(NorthMacedonia.Tetovo, LastSeen.AddHours(1));
        ZoneAnchor[] anchors = [lastSeen, sighting];
        var now = LastSeen.AddHours(3);

        var widest = Zone.Widest(anchors, TravelMode.Vehicle, _policy, now);

        // Every circle of every zone since the last sighting lies within the widest circle of its anchor.
        for (var t = LastSeen; t <= now; t = t.AddMinutes(1))
        {
            foreach (var circle in Zone.Compute(anchors, TravelMode.Vehicle, _policy, t).Circles)
            {
                Assert.Contains(widest, w => w.Centre == circle.Centre && w.RadiusKm >= circle.RadiusKm);
            }
        }

        // The retired last-seen circle stopped growing when it retired; the sighting's grows on.
        Assert.Equal(ZoneGrowth.RadiusKm(_policy, TravelMode.Vehicle, LastSeen, sighting.At + _policy.AnchorRetireAfter), widest[0].RadiusKm);
        Assert.Equal(ZoneGrowth.RadiusKm(_policy, TravelMode.Vehicle, sighting.At, now), widest[1].RadiusKm);
    }

    [Theory]
    [InlineData(4.0, 4.0625, false)]   // +62.5 m: under the 100 m floor
    [InlineData(4.0, 4.125, true)]     // +125 m: over the floor, 1 % of 4 km is only 40 m
    [InlineData(100.0, 100.5, false)]  // +500 m: over the floor but under 1 % of 100 km
    [InlineData(100.0, 101.0, true)]   // +1 km: exactly 1 % of 100 km
    [InlineData(100.0, 99.0, true)]    // a shrink as large counts too
    public void Growth_is_material_from_the_larger_of_100_m_and_1_percent_of_the_radius(double beforeKm, double afterKm, bool material)
    {
        var before = new Zone([new GeoCircle(NorthMacedonia.Skopje, beforeKm)]);
        var after = new Zone([new GeoCircle(NorthMacedonia.Skopje, afterKm)]);

        Assert.Equal(material, after.DiffersMateriallyFrom(before, _policy));
    }

    [Fact]
    public void A_first_zone_or_a_change_of_anchors_is_always_material()
    {
        var zone = new Zone([new GeoCircle(NorthMacedonia.Skopje, 10)]);
        var moved = new Zone([new GeoCircle(NorthMacedonia.Tetovo, 10)]);
        var added = new Zone([new GeoCircle(NorthMacedonia.Skopje, 10), new GeoCircle(NorthMacedonia.Tetovo, 1)]);

        Assert.True(zone.DiffersMateriallyFrom(null, _policy));
        Assert.True(moved.DiffersMateriallyFrom(zone, _policy));
        Assert.True(added.DiffersMateriallyFrom(zone, _policy));
        Assert.False(zone.DiffersMateriallyFrom(new Zone([new GeoCircle(NorthMacedonia.Skopje, 10)]), _policy));
    }

    [Fact]
    public void Circles_inside_others_change_no_distance_and_many_anchors_at_one_spot_shape_as_one()
    {
        // Sightings reported again and again at one spot: every newer circle lies inside the oldest.
        var spot = NorthMacedonia.Skopje;
        var piledUp = new Zone([.. Enumerable.Range(0, 50).Select(i => new GeoCircle(spot, 5 - (i * 0.05)))]);
        Assert.Single(piledUp.ShapingCircles);

        var nested = Gen.Select(NorthMacedonia.Circle(0.5, 30), Gen.Double[0, 1], Gen.Double[0, 360], Gen.Double[0, 1])
            .Select((outer, depth, bearing, share) =>
            {
                // A circle inside the outer one, and a copy of the outer one.
                var radius = outer.RadiusKm * share * 0.9;
                var centre = Haversine.Destination(outer.Centre, bearing, (outer.RadiusKm - radius) * depth * 0.99);
                return new[] { outer, new GeoCircle(centre, radius), outer };
            });
        Gen.Select(nested, NorthMacedonia.Circle(0.5, 30), NorthMacedonia.Point).Sample((circles, other, point) =>
        {
            var zone = new Zone([.. circles, other]);
            var bruteForce = zone.Circles.Min(c => Math.Max(0, Haversine.DistanceKm(point, c.Centre) - c.RadiusKm));
            Assert.Equal(bruteForce, zone.DistanceKm(point), 9);
            Assert.True(zone.ShapingCircles.Count <= 2);
        });
    }
}
