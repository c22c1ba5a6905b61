namespace EarlyWarning.Domain.Cases;

/// <summary>
/// The zone as it stood at <paramref name="At"/>: the live anchors, oldest first, and the circle each
/// had then (<paramref name="Zone"/>'s circles, in the same order).
/// </summary>
public sealed record ZoneFrame(DateTimeOffset At, IReadOnlyList<ZoneAnchor> Anchors, Zone Zone);
