namespace EarlyWarning.Domain.Cases;

/// <summary>How a resolved case ended.</summary>
public enum CaseOutcome
{
    /// <summary>The child was found.</summary>
    Found,

    /// <summary>The case was called off (e.g. a false report).</summary>
    Cancelled,
}
