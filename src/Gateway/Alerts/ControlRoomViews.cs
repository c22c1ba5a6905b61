namespace EarlyWarning.Gateway.Alerts;

/// <summary>API.md's <c>dispatchStats</c>.</summary>
/// <remarks><c>pushed</c> (first alerts a Web Push service accepted) sits apart from <c>delivered</c> (live sockets).</remarks>
public sealed record DispatchStatsView(string CaseId, long Alerted, long Delivered, long Acknowledged, double P50Ms, double P99Ms, long Pushed);

/// <summary>API.md's <c>fieldTeamMoved</c>.</summary>
public sealed record FieldTeamMovedView(string SubscriberId, double Lat, double Lon, DateTimeOffset At);

/// <summary><c>fieldTeamLeft</c> (added): a field account deleted its subscription; the control room takes it off the map.</summary>
public sealed record FieldTeamLeftView(string SubscriberId);

/// <summary>
/// A field team's last known position, for <c>GET /api/field-teams</c>, and when it was reported
/// (as <c>fieldTeamMoved</c>'s <c>at</c>; null for one reported before the time was kept): a team
/// that stopped reporting hours ago is not where it was drawn.
/// </summary>
public sealed record FieldTeamView(string SubscriberId, double Lat, double Lon, DateTimeOffset? At);
