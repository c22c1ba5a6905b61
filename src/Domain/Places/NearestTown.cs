using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Places;

/// <summary>The place an alert names: the nearest of the pilot's towns, if one is near enough to mean something.</summary>
public static class NearestTown
{
    /// <summary>Beyond this a town's name would mislead more than it helps ("near Skopje" for a village 30 km off).</summary>
    public const double DefaultMaxKm = 15;

    /// <summary>The town nearest <paramref name="point"/> within <paramref name="maxKm"/> (great-circle km), or null.</summary>
    public static Town? To(GeoPoint point, double maxKm = DefaultMaxKm) =>
        NorthMacedonia.Towns
            .Select(t => (Town: t, DistanceKm: Haversine.DistanceKm(point, t.Centre)))
            .Where(t => t.DistanceKm <= maxKm)
            .OrderBy(t => t.DistanceKm)
            .Select(t => t.Town)
            .FirstOrDefault();
}
