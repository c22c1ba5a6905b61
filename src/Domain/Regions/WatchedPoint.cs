using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>A subscriber as the matcher sees it: where it is, how far it watches, who it is.</summary>
public readonly record struct WatchedPoint(GeoPoint Position, double WatchRadiusKm, SubscriberKind Kind);
