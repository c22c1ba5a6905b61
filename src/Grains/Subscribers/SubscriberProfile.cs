using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Grains.Subscribers;

/// <summary>
/// A subscriber's profile: who, which language, how far it watches (km), where it is (degrees), if
/// known, and whether it opted in to exercises (added last: profiles stored before read false).
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.subscriber-profile")]
public sealed record SubscriberProfile(SubscriberKind Kind, string Language, double WatchRadiusKm, double? Lat, double? Lon, bool Exercises = false);
