namespace EarlyWarning.Gateway.Subscribers;

/// <summary>The body of <c>PUT /api/subscribers/me/location</c>.</summary>
public sealed record LocationRequest(double? Lat, double? Lon);
