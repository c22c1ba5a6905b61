namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A push the silo's <see cref="ZoneTicker"/> made for a case, as the case takes it back at its
/// next call: the zone (a <c>zone-expanded</c> entry) and the countries it reached first
/// (<paramref name="Crossed"/>: recorded, and a <c>border-crossed</c> entry for those abroad).
/// </summary>
internal sealed record GrownZone(ZoneSnapshot Zone, IReadOnlyList<string> Crossed);
