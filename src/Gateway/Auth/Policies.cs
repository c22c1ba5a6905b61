namespace EarlyWarning.Gateway.Auth;

/// <summary>Authorization policy names; each maps to the roles that may pass.</summary>
public static class Policies
{
    /// <summary>Operators and supervisors: the control room.</summary>
    public const string ControlRoom = "control-room";

    /// <summary>Supervisors only (escalation to public).</summary>
    public const string Supervisor = "supervisor";

    /// <summary>The control room and field teams: may read active cases.</summary>
    public const string CaseReader = "case-reader";

    /// <summary>Anyone who receives alerts: field teams and public subscribers.</summary>
    public const string AlertReceiver = "alert-receiver";
}
