using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Cases;

/// <summary>From wire circles to the domain zone: the one place that conversion lives.</summary>
public static class AnchorCircles
{
    /// <summary>The domain zone these circles make.</summary>
    public static Zone ToZone(this IEnumerable<AnchorCircle> anchors) =>
        new(anchors.Select(a => new GeoCircle(new GeoPoint(a.Lat, a.Lon), a.RadiusKm)).ToArray());

    /// <summary>The domain anchors (point and time) of these circles, whatever their radii.</summary>
    public static IEnumerable<ZoneAnchor> ToAnchors(this IEnumerable<AnchorCircle> anchors) =>
        anchors.Select(a => new ZoneAnchor(new GeoPoint(a.Lat, a.Lon), a.At));
}
