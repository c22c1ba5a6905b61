using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>
/// A subscriber as a tile's <see cref="SubscriberIndex"/> holds it; degrees and km. <see cref="Push"/>:
/// it has a Web Push subscription, so its alerts also go to its push service. <see cref="Exercises"/>:
/// it opted in to exercises, so an exercise case may alert it.
/// </summary>
public readonly record struct IndexedSubscriber(string Id, double Lat, double Lon, double WatchRadiusKm, SubscriberKind Kind, string Language, bool Push = false, bool Exercises = false);
