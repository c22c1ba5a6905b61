namespace EarlyWarning.Grains.Cases;

/// <summary>How cases behave over time.</summary>
public sealed class CaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Cases";

    /// <summary>How often an active case re-evaluates its zone.</summary>
    public TimeSpan ZoneTickInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an <c>Idempotency-Key</c> of <c>POST /api/cases</c> is remembered; after it, the key opens a new case.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);
}
