using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO;

namespace EarlyWarning.Domain.Geo;

/// <summary>
/// North Macedonia and its neighbours, by their ISO 3166 alpha-2 codes (XK, Kosovo's user-assigned
/// code, as CAP and EU-Alert partners use it). The outlines are Natural Earth's 1:50m
/// (world-atlas 2.0.2, made into <c>CountryOutlines.wkt</c> by <c>scripts/country-outlines.mjs</c>):
/// good to about a kilometre, which is the precision a zone of several kilometres needs.
/// </summary>
public static class Countries
{
    /// <summary>The country the system runs in; reaching any other is crossing a border.</summary>
    public const string Home = "MK";

    /// <summary>The codes a feed may be filtered by, home first.</summary>
    public static readonly IReadOnlyList<string> Codes = ["MK", "AL", "XK", "GR", "BG", "RS"];

    private static readonly Lazy<List<(string Code, IPreparedGeometry Outline)>> Outlines = new(Load);

    /// <summary>Whether <paramref name="code"/> (any case) is one of <see cref="Codes"/>.</summary>
    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code.ToUpperInvariant());

    /// <summary>
    /// The countries <paramref name="area"/> (WGS-84 degrees, X = lon, Y = lat) touches, in
    /// <see cref="Codes"/> order; empty when it lies outside all six.
    /// </summary>
    public static IReadOnlyList<string> Reached(Geometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return [.. Outlines.Value.Where(o => o.Outline.Intersects(area)).Select(o => o.Code)];
    }

    /// <summary>
    /// How far, in km, <paramref name="point"/> lies from each country's outline (0 inside it), in
    /// <see cref="Codes"/> order (the outlines' file order, as <see cref="Reached"/> answers). Measured
    /// on a flat plane around the point (equirectangular): a circle there reaches a country when
    /// its radius is at least this, within 3 % of <see cref="Reached"/> on the zone's polygon
    /// (CountriesTests), without building that polygon every tick.
    /// </summary>
    public static double[] DistancesKm(GeoPoint point)
    {
        var outlines = Outlines.Value;
        var distances = new double[outlines.Count];
        var origin = new Point(0, 0);
        var toKm = new ToLocalKm(point);
        for (var i = 0; i < outlines.Count; i++)
        {
            var projected = outlines[i].Outline.Geometry.Copy();
            projected.Apply(toKm);
            distances[i] = projected.Distance(origin);
        }

        return distances;
    }

    /// <summary>The countries <paramref name="point"/> lies in (one, except exactly on a border).</summary>
    public static IReadOnlyList<string> Containing(GeoPoint point) =>
        Reached(new Point(point.Lon, point.Lat) { SRID = 4326 });

    private static List<(string, IPreparedGeometry)> Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("EarlyWarning.Domain.Geo.CountryOutlines.wkt")
            ?? throw new InvalidOperationException("The country outlines are not embedded.");
        using var reader = new StreamReader(stream);
        var wkt = new WKTReader(new NtsGeometryServices(new PrecisionModel(), 4326));
        var outlines = new List<(string, IPreparedGeometry)>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            outlines.Add((line[..tab], PreparedGeometryFactory.Prepare(wkt.Read(line[(tab + 1)..]))));
        }

        return outlines;
    }

    /// <summary>Degrees to km on a plane centred on a point: x east, y north.</summary>
    private sealed class ToLocalKm(GeoPoint centre) : ICoordinateSequenceFilter
    {
        private const double KmPerDegreeLat = 110.574;
        private readonly double _kmPerDegreeLon = 111.320 * Math.Cos(centre.Lat * Math.PI / 180);

        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, (seq.GetX(i) - centre.Lon) * _kmPerDegreeLon);
            seq.SetY(i, (seq.GetY(i) - centre.Lat) * KmPerDegreeLat);
        }
    }
}
