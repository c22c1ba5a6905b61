using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Cases;

/// <summary>From wire circles to the domain zone: the one place that conversion lives.</summary>
public static class AnchorCircles
{
    /// <summary>The domain zone these circles make.</summary>
    public static Zone ToZone(this IEnumerable<AnchorCircle> anchors)
    {
        if (anchors is AnchorCircle[] array)
        {
            // Each zone tick converts every grown zone: one array, no enumerator or list.
            var circles = new GeoCircle[array.Length];
            for (var i = 0; i < array.Length; i++)
            {
                circles[i] = new GeoCircle(new GeoPoint(array[i].Lat, array[i].Lon), array[i].RadiusKm);
            }

            return new Zone(circles);
        }

        return new([.. anchors.Select(a => new GeoCircle(new GeoPoint(a.Lat, a.Lon), a.RadiusKm))]);
    }

    /// <summary>The domain anchors (point and time) of these circles, whatever their radii.</summary>
    public static IEnumerable<ZoneAnchor> ToAnchors(this IEnumerable<AnchorCircle> anchors) =>
        anchors.Select(a => new ZoneAnchor(new GeoPoint(a.Lat, a.Lon), a.At));
}
