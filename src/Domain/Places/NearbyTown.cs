namespace EarlyWarning.Domain.Places;

/// <summary>The town nearest a point, and how far from it the point lies.</summary>
/// <param name="Town">The town.</param>
/// <param name="DistanceKm">Great-circle distance from the town centre, km.</param>
public sealed record NearbyTown(Town Town, double DistanceKm);
