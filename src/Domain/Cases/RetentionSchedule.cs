namespace EarlyWarning.Domain.Cases;

/// <summary>
/// When a resolved case's personal data goes. Both clocks start at the resolve, not at each
/// sighting's report: while a case is active the control room may need to call back a reporter of
/// any age, and an active case is never purged. Reporter contacts go first
/// (<c>Retention:ReporterContact</c>, 7 days by default), everything personal later
/// (<c>Retention:ResolvedCase</c>, 30 days).
/// </summary>
public static class RetentionSchedule
{
    /// <summary>
    /// What must be gone at <paramref name="now"/> for a case resolved at <paramref name="resolvedAt"/>
    /// (null: not resolved, so nothing); a period is over once it has fully passed.
    /// </summary>
    public static RetentionStep Due(DateTimeOffset? resolvedAt, DateTimeOffset now, TimeSpan reporterContact, TimeSpan resolvedCase)
    {
        if (resolvedAt is not { } at)
        {
            return RetentionStep.None;
        }

        var elapsed = now - at;
        return elapsed >= resolvedCase ? RetentionStep.Everything
            : elapsed >= reporterContact ? RetentionStep.ReporterContacts
            : RetentionStep.None;
    }
}
