namespace EarlyWarning.Grains.Cases;

/// <summary>
/// How long a resolved case keeps personal data (see <c>RetentionSchedule</c>): both periods run
/// from the resolve. Validated at start-up on every silo: positive, contacts no later than the rest.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Retention";

    /// <summary>After this, everything personal of a resolved case is purged (the child, photo, sighting texts, consent, referral, notes).</summary>
    public TimeSpan ResolvedCase { get; set; } = TimeSpan.FromDays(30);

    /// <summary>After this, the reporters' contacts of a resolved case are erased.</summary>
    public TimeSpan ReporterContact { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How often a resolved case's retention reminder checks what is due: the purge happens at most
    /// this long after its period ends. Orleans' floor for reminders is a minute; a shorter value
    /// (tests) lowers that floor for this silo.
    /// </summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromHours(1);
}
