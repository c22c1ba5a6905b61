using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Grains.Regions;

/// <summary>A subscriber as its region indexes it; position in WGS-84 degrees, radius in km.</summary>
[GenerateSerializer, Immutable, Alias("ew.region-subscriber")]
public sealed record RegionSubscriber(
    string Id, double Lat, double Lon, double WatchRadiusKm, SubscriberKind Kind, string Language);
