using EarlyWarning.Domain.Geo;
using EarlyWarning.Workload.Subscribers;

namespace EarlyWarning.Workload.Zones;

/// <summary>One "who is within this circle" question, asked of both sides over the same points.</summary>
/// <param name="Measure">The CSV measure name, e.g. <c>zone5km</c>.</param>
/// <param name="Distribution">Which subscriber set it runs over.</param>
/// <param name="Centre">Centre of the zone.</param>
/// <param name="RadiusKm">Radius, by <see cref="Haversine"/> (the domain's Earth radius).</param>
public sealed record ZoneQuery(string Measure, SubscriberDistribution Distribution, GeoPoint Centre, double RadiusKm);
