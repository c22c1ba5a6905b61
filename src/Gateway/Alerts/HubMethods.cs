namespace EarlyWarning.Gateway.Alerts;

/// <summary>Server-to-client method names exactly as API.md writes them (lower camel case on the wire).</summary>
public static class HubMethods
{
    public const string Alert = "alert";
    public const string CaseUpdated = "caseUpdated";
    public const string SightingReported = "sightingReported";
    public const string DispatchStats = "dispatchStats";
    public const string FieldTeamMoved = "fieldTeamMoved";

    /// <summary>The group of operators and supervisors.</summary>
    public const string ControlRoomGroup = "control-room";
}
