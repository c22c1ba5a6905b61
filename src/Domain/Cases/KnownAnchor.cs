namespace EarlyWarning.Domain.Cases;

/// <summary>
/// An anchor and when the case learnt of it: a verified sighting anchors the zone at the time the
/// child was seen (<see cref="ZoneAnchor.At"/>), but only from its verification on.
/// </summary>
public readonly record struct KnownAnchor(ZoneAnchor Anchor, DateTimeOffset KnownAt);
