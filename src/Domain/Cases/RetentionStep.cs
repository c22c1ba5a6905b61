namespace EarlyWarning.Domain.Cases;

/// <summary>How much of a resolved case's personal data retention says must be gone by now.</summary>
public enum RetentionStep
{
    /// <summary>Nothing yet: the case is active, or resolved too recently.</summary>
    None,

    /// <summary>The reporters' contacts (the child's details stay a while longer).</summary>
    ReporterContacts,

    /// <summary>Every personal field: the child, the photo, sighting texts, contacts, consent, referral and notes.</summary>
    Everything,
}
