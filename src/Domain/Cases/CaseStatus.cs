namespace EarlyWarning.Domain.Cases;

/// <summary>A case is active until it is resolved, once.</summary>
public enum CaseStatus
{
    /// <summary>The child is being searched for.</summary>
    Active,

    /// <summary>Closed; see <see cref="CaseOutcome"/>.</summary>
    Resolved,
}
