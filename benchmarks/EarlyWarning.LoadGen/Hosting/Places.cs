namespace EarlyWarning.LoadGen.Hosting;

/// <summary>A WGS-84 point in degrees.</summary>
internal readonly record struct GeoPoint(double Lat, double Lon)
{
    private const double KmPerDegreeLat = 111.195;

    /// <summary>The point <paramref name="northKm"/> north and <paramref name="eastKm"/> east of this one (flat-earth, for short offsets).</summary>
    public GeoPoint Offset(double northKm, double eastKm) =>
        new(Lat + (northKm / KmPerDegreeLat), Lon + (eastKm / (KmPerDegreeLat * Math.Cos(Lat * Math.PI / 180))));
}

/// <summary>Where each scenario puts its subscribers and sightings; fixed seeds, so runs repeat.</summary>
internal static class Places
{
    /// <summary>Central Skopje: the latency subscriber, the mixed zone and the fan-out crowd.</summary>
    public static readonly GeoPoint Skopje = new(41.9981, 21.4254);

    /// <summary>Ohrid, ~115 km from Skopje: the ingest clients, away from the other scenarios' tiles.</summary>
    public static readonly GeoPoint Ohrid = new(41.1172, 20.8016);

    /// <summary>The second sighting point, ~300 m north of <paramref name="centre"/>: alternating moves the zone every time.</summary>
    public static GeoPoint Alternate(GeoPoint centre, int k) => k % 2 == 0 ? centre : centre.Offset(0.3, 0);

    /// <summary><paramref name="count"/> points uniform over the disc of <paramref name="radiusKm"/> around <paramref name="centre"/>.</summary>
    public static GeoPoint[] Disc(GeoPoint centre, double radiusKm, int count, int seed)
    {
        var random = new Random(seed);
        var points = new GeoPoint[count];
        for (var i = 0; i < count; i++)
        {
            var r = radiusKm * Math.Sqrt(random.NextDouble());
            var angle = 2 * Math.PI * random.NextDouble();
            points[i] = centre.Offset(r * Math.Cos(angle), r * Math.Sin(angle));
        }

        return points;
    }

    /// <summary>The <paramref name="k"/>-th position of a client living at <paramref name="home"/>: a few tens of metres around it.</summary>
    public static GeoPoint Wander(GeoPoint home, long k) =>
        home.Offset(((k % 5) - 2) * 0.02, (((k / 5) % 7) - 3) * 0.02);
}
