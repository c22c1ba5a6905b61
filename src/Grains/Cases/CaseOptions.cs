namespace EarlyWarning.Grains.Cases;

/// <summary>How cases behave over time.</summary>
public sealed class CaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Cases";

    /// <summary>How often an active case re-evaluates its zone.</summary>
    public TimeSpan ZoneTickInterval { get; set; } = TimeSpan.FromSeconds(15);
}
