namespace EarlyWarning.Domain.Cases;

/// <summary>Where a request to publish a case stands.</summary>
public enum EscalationStatus
{
    /// <summary>Waits for a second supervisor.</summary>
    Pending,

    /// <summary>Approved: the case is public.</summary>
    Approved,

    /// <summary>Turned down (or withdrawn, or dropped when the case resolved): the case stays internal.</summary>
    Rejected,
}
