namespace EarlyWarning.Grains.Cases;

/// <summary>One event of a case's audit trail: numbered, stamped, attributed.</summary>
/// <param name="Seq">1, 2, 3… in the order the case applied them.</param>
/// <param name="At">When the case applied it.</param>
/// <param name="Kind">opened, sighting-reported, sighting-verified, sighting-rejected, zone-expanded, photo-added, photo-replaced, edited (the fields changed, never their personal values), escalation-requested,
/// escalation-approved, escalation-rejected, escalated, resolved, referred, cancels-pending, cancels-completed.</param>
/// <param name="Actor">Who caused it (a user name, or <c>system</c> for the clock).</param>
/// <param name="Data">Plain key/value details (ids, radius, counts); never a reporter contact.</param>
[GenerateSerializer, Immutable, Alias("ew.timeline-entry")]
public sealed record TimelineEntry(long Seq, DateTimeOffset At, string Kind, string Actor, Dictionary<string, string> Data);
