using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Cases;

/// <summary>A point the child was known to be at a time: the last-seen point or a verified sighting.</summary>
public readonly record struct ZoneAnchor(GeoPoint Point, DateTimeOffset At);
