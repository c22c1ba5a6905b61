using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Cases;

/// <summary>
/// Where the child may be now: the union of the live anchors' circles. Immutable; a new zone is
/// computed for every tick or sighting.
/// </summary>
public sealed class Zone
{
    private const double KmPerDegreeLat = Haversine.EarthRadiusKm * Math.PI / 180.0;

    /// <summary>Wraps circles already computed (e.g. received from a case).</summary>
    public Zone(IReadOnlyList<GeoCircle> circles)
    {
        ArgumentNullException.ThrowIfNull(circles);
        if (circles.Count == 0)
        {
            throw new ArgumentException("A zone has at least one circle.", nameof(circles));
        }

        Circles = circles;
    }

    /// <summary>The live circles, oldest anchor first.</summary>
    public IReadOnlyList<GeoCircle> Circles { get; }

    /// <summary>
    /// The circles that give the zone its shape: <see cref="Circles"/> without those lying wholly
    /// inside another. The union, and every distance to it, is the same; but a case with many
    /// sightings at one spot (each a new anchor inside the oldest one's circle) is matched and
    /// drawn with one circle instead of all of them.
    /// </summary>
    public IReadOnlyList<GeoCircle> ShapingCircles => _shaping ??= Shaping(Circles);

    private IReadOnlyList<GeoCircle>? _shaping;

    /// <summary>The largest live radius, in km.</summary>
    public double MaxRadiusKm => Circles.Max(c => c.RadiusKm);

    /// <summary>
    /// The zone at <paramref name="now"/>. An anchor is live unless a newer anchor exists and
    /// <see cref="ZonePolicy.AnchorRetireAfter"/> has passed since that newer anchor's time; the
    /// newest anchor is always live.
    /// </summary>
    public static Zone Compute(IEnumerable<ZoneAnchor> anchors, TravelMode mode, ZonePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var live = LiveAnchors(anchors, policy, now);
        return new Zone([.. live.Select(a => new GeoCircle(a.Point, ZoneGrowth.RadiusKm(policy, mode, a.At, now)))]);
    }

    /// <summary>The anchors still live at <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<ZoneAnchor> LiveAnchors(IEnumerable<ZoneAnchor> anchors, ZonePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var ordered = anchors.OrderBy(a => a.At).ToList();
        if (ordered.Count == 0)
        {
            throw new ArgumentException("A zone needs at least one anchor.", nameof(anchors));
        }

        var newest = ordered[^1];
        var live = new List<ZoneAnchor>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            // The first anchor newer than this one decides when it retires.
            var successorAt = ordered.Skip(i + 1).Where(a => a.At > ordered[i].At).Select(a => (DateTimeOffset?)a.At).FirstOrDefault();
            var retired = successorAt is { } at && now >= at + policy.AnchorRetireAfter;
            if (!retired || ordered[i] == newest)
            {
                live.Add(ordered[i]);
            }
        }

        return live;
    }

    /// <summary>
    /// Every anchor's circle at the largest it has been by <paramref name="now"/>: a live anchor's as
    /// it is now, a retired one's as it was when it retired. Radii only grow with time, so whatever
    /// any zone of these anchors reached up to <paramref name="now"/>, one of these circles reaches.
    /// </summary>
    public static IReadOnlyList<GeoCircle> Widest(IEnumerable<ZoneAnchor> anchors, TravelMode mode, ZonePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var ordered = anchors.OrderBy(a => a.At).ToList();
        var circles = new List<GeoCircle>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var successorAt = ordered.Skip(i + 1).Where(a => a.At > ordered[i].At).Select(a => (DateTimeOffset?)a.At).FirstOrDefault();
            var end = successorAt is { } at && at + policy.AnchorRetireAfter < now ? at + policy.AnchorRetireAfter : now;
            circles.Add(new GeoCircle(ordered[i].Point, ZoneGrowth.RadiusKm(policy, mode, ordered[i].At, end)));
        }

        return circles;
    }

    /// <summary>Distance in km from <paramref name="point"/> to the zone: 0 inside, else to the nearest circle's edge.</summary>
    public double DistanceKm(GeoPoint point)
    {
        var best = double.PositiveInfinity;
        foreach (var circle in ShapingCircles)
        {
            best = Math.Min(best, Math.Max(0, Haversine.DistanceKm(point, circle.Centre) - circle.RadiusKm));
        }

        return best;
    }

    /// <summary>
    /// True when <paramref name="point"/> is within <paramref name="watchRadiusKm"/> of the zone,
    /// with the distance to the zone in <paramref name="distanceKm"/>. A latitude check skips
    /// circles that are plainly out of reach before any trigonometry.
    /// </summary>
    public bool Reaches(GeoPoint point, double watchRadiusKm, out double distanceKm)
    {
        distanceKm = double.PositiveInfinity;
        foreach (var circle in ShapingCircles)
        {
            var reachKm = circle.RadiusKm + watchRadiusKm;
            if (Math.Abs(point.Lat - circle.Centre.Lat) * KmPerDegreeLat > reachKm)
            {
                continue;
            }

            var d = Math.Max(0, Haversine.DistanceKm(point, circle.Centre) - circle.RadiusKm);
            distanceKm = Math.Min(distanceKm, d);
        }

        return distanceKm <= watchRadiusKm;
    }

    private static GeoCircle[] Shaping(IReadOnlyList<GeoCircle> circles)
    {
        if (circles.Count == 1)
        {
            return [circles[0]];
        }

        var kept = new List<GeoCircle>(circles.Count);
        for (var i = 0; i < circles.Count; i++)
        {
            var inside = false;
            for (var j = 0; j < circles.Count && !inside; j++)
            {
                // Equal circles: the first one stays.
                var centresKm = Haversine.DistanceKm(circles[i].Centre, circles[j].Centre);
                inside = i != j && centresKm + circles[i].RadiusKm <= circles[j].RadiusKm
                    && !(j > i && centresKm == 0 && circles[i].RadiusKm == circles[j].RadiusKm);
            }

            if (!inside)
            {
                kept.Add(circles[i]);
            }
        }

        return [.. kept];
    }

    /// <summary>
    /// True when this zone differs from <paramref name="previous"/> enough to tell anyone: a
    /// different set of anchors, or a circle that grew by at least
    /// <c>max(MaterialGrowthKm, MaterialGrowthFraction × radius)</c>.
    /// </summary>
    public bool DiffersMateriallyFrom(Zone? previous, ZonePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (previous is null || previous.Circles.Count != Circles.Count)
        {
            return true;
        }

        for (var i = 0; i < Circles.Count; i++)
        {
            var (now, before) = (Circles[i], previous.Circles[i]);
            if (now.Centre != before.Centre)
            {
                return true;
            }

            var threshold = Math.Max(policy.MaterialGrowthKm, policy.MaterialGrowthFraction * before.RadiusKm);
            if (Math.Abs(now.RadiusKm - before.RadiusKm) >= threshold)
            {
                return true;
            }
        }

        return false;
    }
}
