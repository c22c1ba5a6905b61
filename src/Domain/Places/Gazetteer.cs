using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Places;

/// <summary>
/// Names a place by its nearest town, so a public page can say "about 3 km from Bitola" without
/// printing the coordinates where a child was last seen.
/// </summary>
public static class Gazetteer
{
    /// <summary>Beyond this a town's name says more about the town than about the place, km.</summary>
    public const double DefaultReachKm = 30;

    /// <summary>An alert names a town only this near: "near Skopje" for a village 30 km off would mislead, km.</summary>
    public const double AlertReachKm = 15;

    /// <summary>The town of <see cref="NorthMacedonia.Towns"/> nearest <paramref name="point"/>, or null when none lies within <paramref name="reachKm"/>.</summary>
    public static NearbyTown? Nearest(GeoPoint point, double reachKm = DefaultReachKm) =>
        NorthMacedonia.Towns
            .Select(t => new NearbyTown(t, Haversine.DistanceKm(point, t.Centre)))
            .Where(n => n.DistanceKm <= reachKm)
            .OrderBy(n => n.DistanceKm)
            .FirstOrDefault();
}
