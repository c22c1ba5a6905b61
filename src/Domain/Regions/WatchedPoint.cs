using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>
/// A subscriber as the matcher sees it: where it is, how far it watches, who it is, and whether it
/// opted in to exercises.
/// </summary>
public readonly record struct WatchedPoint(GeoPoint Position, double WatchRadiusKm, SubscriberKind Kind, bool Exercises = false);
