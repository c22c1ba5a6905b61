namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A push the silo's <see cref="ZoneTicker"/> made for a case, as the case takes it back at its
/// next call: what its <c>zone-expanded</c> entry says (the time, widest radius and anchors), and
/// the countries it reached first (<paramref name="Crossed"/>: recorded, and a <c>border-crossed</c>
/// entry for those abroad). Not the zone itself: a case nobody calls for hours gathers one of these
/// per push, and holding every pushed zone kept them all alive.
/// </summary>
internal sealed record GrownZone(DateTimeOffset At, double RadiusKm, int Anchors, IReadOnlyList<string> Crossed)
{
    /// <summary>What the case needs of the push of <paramref name="zone"/>.</summary>
    public static GrownZone Of(ZoneSnapshot zone, IReadOnlyList<string> crossed) =>
        new(zone.ComputedAt, zone.RadiusKm, zone.Anchors.Length, crossed);
}
