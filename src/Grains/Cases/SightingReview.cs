namespace EarlyWarning.Grains.Cases;

/// <summary>Who verified or rejected a sighting, when and why.</summary>
/// <param name="By">The operator.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why, when given.</param>
/// <param name="DuplicateOf">The earlier sighting this one repeats (a rejected duplicate).</param>
[GenerateSerializer, Immutable, Alias("ew.sighting-review")]
public sealed record SightingReview(string By, DateTimeOffset At, string? Reason, string? DuplicateOf);
