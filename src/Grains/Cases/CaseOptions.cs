namespace EarlyWarning.Grains.Cases;

/// <summary>How cases behave over time.</summary>
public sealed class CaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Cases";

    /// <summary>How often each silo's <see cref="ZoneTicker"/> re-evaluates the zone of every active case activated on it.</summary>
    public TimeSpan ZoneTickInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an <c>Idempotency-Key</c> of <c>POST /api/cases</c> is remembered; after it, the key opens a new case.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often an Orleans reminder wakes an active case, so its zone keeps growing after a
    /// restart or deactivation (the zone tick above grows only activated cases). Orleans'
    /// floor for reminders is a minute; a shorter value (tests) lowers that floor for this silo.
    /// </summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Supervisors needed to publish a case: 2 (the default) means a second supervisor, not the
    /// requester, approves each request, and opening a case as public at once is refused; 1 (small
    /// deployments) publishes on the requester's word, as before.
    /// </summary>
    public int EscalationApprovers { get; set; } = 2;

    /// <summary>Whether going public waits for a second supervisor.</summary>
    public bool ApprovalRequired => EscalationApprovers > 1;
}
