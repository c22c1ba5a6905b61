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
}
