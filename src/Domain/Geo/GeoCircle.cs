namespace EarlyWarning.Domain.Geo;

/// <summary>A geodesic circle: every point within <paramref name="RadiusKm"/> of <paramref name="Centre"/>.</summary>
public readonly record struct GeoCircle(GeoPoint Centre, double RadiusKm);
