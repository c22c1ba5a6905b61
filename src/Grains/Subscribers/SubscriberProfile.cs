using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Grains.Subscribers;

/// <summary>A subscriber's profile: who, which language, how far it watches (km), and where it is (degrees), if known.</summary>
[GenerateSerializer, Immutable, Alias("ew.subscriber-profile")]
public sealed record SubscriberProfile(SubscriberKind Kind, string Language, double WatchRadiusKm, double? Lat, double? Lon);
