namespace EarlyWarning.Grains.Subscribers;

/// <summary>API.md's <c>fieldTeamMoved</c>: a field team's new position (degrees). Control room only.</summary>
[GenerateSerializer, Immutable, Alias("ew.field-team-position")]
public sealed record FieldTeamPosition(string SubscriberId, double Lat, double Lon, DateTimeOffset At);
