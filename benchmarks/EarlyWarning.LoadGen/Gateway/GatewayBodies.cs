namespace EarlyWarning.LoadGen.Gateway;

// The JSON bodies of API.md the load generator sends and reads (camelCase on the wire).

internal sealed record SignInBody(string Username, string Password);

internal sealed record TokenBody(string AccessToken);

internal sealed record SubscribeBody(double Lat, double Lon, double WatchRadiusKm, string Language);

internal sealed record SubscriptionBody(string Id, string Token);

internal sealed record LocationBody(double Lat, double Lon);

internal sealed record ChildBody(string Name, int Age, string Description);

internal sealed record LastSeenBody(double Lat, double Lon, DateTimeOffset At);

internal sealed record OpenCaseBody(ChildBody Child, LastSeenBody LastSeen, string TravelMode, string Level);

internal sealed record CaseBody(string Id, long Version);

internal sealed record SightingBody(string Id, double Lat, double Lon, DateTimeOffset SeenAt, string Description);

internal sealed record ResolveBody(string Outcome, string Note);
