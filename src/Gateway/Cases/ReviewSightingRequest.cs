namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// The optional body of <c>…/sightings/{sightingId}/verify</c> and <c>/reject</c>: why, and for a
/// rejected duplicate the earlier sighting it repeats.
/// </summary>
public sealed record ReviewSightingRequest(string? Reason, string? DuplicateOf);
