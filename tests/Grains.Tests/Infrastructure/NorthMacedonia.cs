using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// Towns the tests place cases in. Each test takes its own town, tens of km from the others, so a
/// test's subscribers sit far outside every other test's zone and watch radius.
/// </summary>
public static class NorthMacedonia
{
    public static readonly GeoPoint Skopje = new(41.9981, 21.4254);
    public static readonly GeoPoint Tetovo = new(42.0106, 20.9715);
    public static readonly GeoPoint Kumanovo = new(42.1322, 21.7144);
    public static readonly GeoPoint Bitola = new(41.0297, 21.3292);
    public static readonly GeoPoint Ohrid = new(41.1231, 20.8016);
    public static readonly GeoPoint Stip = new(41.7458, 22.1958);
    public static readonly GeoPoint Veles = new(41.7156, 21.7756);
    public static readonly GeoPoint Gostivar = new(41.7958, 20.9083);
    public static readonly GeoPoint Strumica = new(41.4378, 22.6427);
    public static readonly GeoPoint Kicevo = new(41.5127, 20.9589);
    public static readonly GeoPoint Prilep = new(41.3451, 21.5550);
    public static readonly GeoPoint Kavadarci = new(41.4331, 22.0119);
    public static readonly GeoPoint Gevgelija = new(41.1392, 22.5025);
    public static readonly GeoPoint Kocani = new(41.9164, 22.4128);
    public static readonly GeoPoint Struga = new(41.1775, 20.6783);
    public static readonly GeoPoint KrivaPalanka = new(42.2019, 22.3317);
    public static readonly GeoPoint Debar = new(41.5250, 20.5272);
    public static readonly GeoPoint Radovis = new(41.6383, 22.4647);
    public static readonly GeoPoint Delcevo = new(41.9661, 22.7747);
    public static readonly GeoPoint Resen = new(41.0893, 21.0109);
    public static readonly GeoPoint Kratovo = new(42.0783, 22.1753);
    public static readonly GeoPoint Berovo = new(41.7031, 22.8578);
    public static readonly GeoPoint Valandovo = new(41.3169, 22.5611);
    public static readonly GeoPoint Probistip = new(42.0031, 22.1786);

    /// <summary>The point <paramref name="distanceKm"/> from <paramref name="from"/> on a bearing (degrees from north).</summary>
    public static GeoPoint Offset(this GeoPoint from, double bearingDeg, double distanceKm) =>
        Haversine.Destination(from, bearingDeg, distanceKm);
}
