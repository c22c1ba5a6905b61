namespace EarlyWarning.Gateway.Alerts;

/// <summary>Server-to-client method names exactly as API.md writes them (lower camel case on the wire).</summary>
public static class HubMethods
{
    public const string Alert = "alert";
    public const string CaseUpdated = "caseUpdated";
    public const string CaseDelta = "caseDelta";
    public const string SightingReported = "sightingReported";
    public const string DispatchStats = "dispatchStats";
    public const string FieldTeamMoved = "fieldTeamMoved";
    public const string FieldTeamLeft = "fieldTeamLeft";

    /// <summary>
    /// To every connection, once, when the gateway has registered it for what it receives (after
    /// the handshake): a client reads its state again on it, so nothing sent in between is missed.
    /// </summary>
    public const string Live = "live";

    /// <summary>The group of operators and supervisors.</summary>
    public const string ControlRoomGroup = "control-room";

    /// <summary>Control-room connections that take whole cases (<see cref="CaseUpdated"/>): the default.</summary>
    public const string ControlRoomCasesGroup = "control-room-cases";

    /// <summary>Control-room connections that opted in to <see cref="CaseDelta"/> (<c>?deltas=1</c>).</summary>
    public const string ControlRoomDeltasGroup = "control-room-deltas";
}
