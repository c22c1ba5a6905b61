using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>A subscriber as a tile's <see cref="SubscriberIndex"/> holds it; degrees and km.</summary>
public readonly record struct IndexedSubscriber(string Id, double Lat, double Lon, double WatchRadiusKm, SubscriberKind Kind, string Language);
