namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// <c>GET /api/cases/{id}/reach</c>: how many subscribers the zone reaches now if the case is
/// internal (field teams only) and if it is public (field teams and the public).
/// </summary>
public sealed record ReachView(string CaseId, int Internal, int Public);
