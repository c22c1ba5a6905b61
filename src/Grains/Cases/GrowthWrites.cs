using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// When a push of a zone that only grew is stored: not at all on its own. Growth comes from the
/// clock, not from anyone, so a push that changes nothing else (the same tiles, no new country) is
/// not written; a write for any other reason, or a clean deactivation, stores it (an activation
/// after a clean one writes once before it grows, so the record never says "nothing unstored"
/// while pushes are). After a crash the
/// case goes on above the most versions the lost pushes can have used
/// (<see cref="ZoneGrowth.MostPushes"/> since the stored zone), so no tile or page ever sees its
/// version go back. What a crash costs is the unstored pushes' <c>zone-expanded</c> timeline
/// entries and a skip in the version: the zone itself is recomputed from its anchors and the time.
/// </summary>
internal static class GrowthWrites
{
    /// <summary>How far another silo's clock may run ahead of this one's: its pushes grew the zone that much further.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>
    /// True when the growth push just made may stay unstored: its tiles are those of the push
    /// before it (<paramref name="tilesBefore"/>), it owes no tile a cancel it did not owe before
    /// (<paramref name="cancelTilesBefore"/>) and reached no new country (<paramref name="crossed"/>).
    /// </summary>
    public static bool MayStaySkipped(CaseState state, IReadOnlySet<string> tilesBefore, int cancelTilesBefore, bool crossed) =>
        !crossed
        && state.CancelTiles.Count == cancelTilesBefore
        && state.TouchedTiles.SetEquals(tilesBefore);

    /// <summary>
    /// On activation: a case stored while growing may have pushed unstored versions before it
    /// stopped, so it goes on above the most it can have pushed by <paramref name="now"/>. A case
    /// stored before this rule (with versions reserved instead) goes on from the last reserved one.
    /// </summary>
    /// <remarks>
    /// The CAP message (<see cref="CaseState.PublicVersion"/>) stays the last one stored: the next
    /// push, at a version above every one a partner can have had, makes the next. Marking the
    /// restart itself as a change would send every partner an Update of every active case after
    /// each crash, with nothing new in it.
    /// </remarks>
    public static void Resume(CaseState state, ZonePolicy policy, DateTimeOffset now)
    {
        if (state.GrowthVersionsReserved > state.Version)
        {
            state.Version = state.GrowthVersionsReserved;
        }

        if (state.GrowthMayBeUnstored && state.Status == CaseStatus.Active && state.PushedZone is { } pushed && state.Opening is { } opening)
        {
            state.Version += ZoneGrowth.MostPushes(state.Anchors.Count, opening.TravelMode, policy, pushed.ComputedAt, now + ClockSkew);
        }
    }
}
