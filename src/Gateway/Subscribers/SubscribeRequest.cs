namespace EarlyWarning.Gateway.Subscribers;

/// <summary>
/// The body of <c>POST /api/subscribers</c>: a public subscription at a fixed point. <c>Exercises</c>
/// (optional, default false): also receive exercises (drills), marked as such.
/// </summary>
public sealed record SubscribeRequest(double? Lat, double? Lon, double? WatchRadiusKm, string? Language, bool? Exercises = null);

/// <summary>The answer: the subscriber id and the token that authenticates it from now on.</summary>
public sealed record SubscriptionView(string Id, string Token);
