using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using EarlyWarning.Workload.Subscribers;

namespace EarlyWarning.Workload.Zones;

/// <summary>The zones of issue 6, all centred in Skopje, where the subscribers are densest.</summary>
public static class ZoneQueries
{
    /// <summary>Central Skopje (41.9981, 21.4254), the first of <see cref="NorthMacedonia.Towns"/>.</summary>
    public static GeoPoint SkopjeCentre { get; } = NorthMacedonia.Towns.Single(t => t.Name == "Skopje").Centre;

    /// <summary>A young zone (an hour on foot) over the uniform set: ~2 200 of 1 M.</summary>
    public static ZoneQuery Zone5KmUniform { get; } = new("zone5km", SubscriberDistribution.Uniform, SkopjeCentre, 5);

    /// <summary>A zone near its walking maximum over the clustered set: about half of everyone.</summary>
    public static ZoneQuery Zone50KmClustered { get; } = new("zone50km", SubscriberDistribution.Clustered, SkopjeCentre, 50);
}
