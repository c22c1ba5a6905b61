namespace EarlyWarning.Gateway.Subscribers;

/// <summary>
/// <c>GET /api/subscribers/me</c>: the caller's own subscription. A field team's position is its
/// last one (null before its first); its radius, language and exercises are the deployment's.
/// </summary>
public sealed record SubscriptionDetails(string Id, double? Lat, double? Lon, double WatchRadiusKm, string Language, bool Exercises);
