namespace EarlyWarning.Domain.Cases;

/// <summary>Where a sighting stands: public ones wait for an operator, field and operator ones count at once.</summary>
public enum SightingStatus
{
    /// <summary>Reported by the public; waits for an operator.</summary>
    Pending,

    /// <summary>Counts: it re-centres the zone.</summary>
    Verified,

    /// <summary>Dismissed by an operator.</summary>
    Rejected,
}
