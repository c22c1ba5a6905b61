namespace EarlyWarning.Gateway.Outages;

/// <summary>What a caller may assume about a request the cluster failed.</summary>
public enum OutageOutcome
{
    /// <summary>Nothing reached a grain: sending it again is safe.</summary>
    NotApplied,

    /// <summary>The cluster failed while carrying it out: it may or may not have been applied.</summary>
    Unknown,
}
