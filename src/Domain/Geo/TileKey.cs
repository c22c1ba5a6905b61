using System.Globalization;

namespace EarlyWarning.Domain.Geo;

/// <summary>A slippy-map (Web Mercator) tile <c>z/x/y</c>: the key of a region.</summary>
public readonly record struct TileKey(int Zoom, int X, int Y)
{
    /// <summary>The tile at <paramref name="zoom"/> that contains <paramref name="point"/>.</summary>
    public static TileKey FromPoint(GeoPoint point, int zoom)
    {
        var n = 1 << zoom;
        var lat = Math.Clamp(point.Lat, -MaxMercatorLat, MaxMercatorLat) * Math.PI / 180.0;
        var x = (int)Math.Floor((point.Lon + 180.0) / 360.0 * n);
        var y = (int)Math.Floor((1.0 - (Math.Log(Math.Tan(lat) + (1.0 / Math.Cos(lat))) / Math.PI)) / 2.0 * n);
        return new TileKey(zoom, Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    /// <summary>The latitude limit of Web Mercator tiles, in degrees.</summary>
    public const double MaxMercatorLat = 85.05112878;

    /// <summary>Northern edge, in degrees.</summary>
    public double NorthLat => TileYToLat(Y, Zoom);

    /// <summary>Southern edge, in degrees.</summary>
    public double SouthLat => TileYToLat(Y + 1, Zoom);

    /// <summary>Western edge, in degrees.</summary>
    public double WestLon => TileXToLon(X, Zoom);

    /// <summary>Eastern edge, in degrees.</summary>
    public double EastLon => TileXToLon(X + 1, Zoom);

    /// <summary>The grain key, <c>z/x/y</c>.</summary>
    public string ToGrainKey() => string.Create(CultureInfo.InvariantCulture, $"{Zoom}/{X}/{Y}");

    /// <inheritdoc />
    public override string ToString() => ToGrainKey();

    /// <summary>Parses a <c>z/x/y</c> key.</summary>
    public static TileKey Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{key}' is not a z/x/y tile key.");
        }

        return new TileKey(
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static double TileXToLon(int x, int zoom) => (x / (double)(1 << zoom) * 360.0) - 180.0;

    private static double TileYToLat(int y, int zoom)
    {
        var n = Math.PI - (2.0 * Math.PI * y / (1 << zoom));
        return 180.0 / Math.PI * Math.Atan(Math.Sinh(n));
    }
}
