namespace EarlyWarning.Grains.Cases;

/// <summary>
/// When a push of a zone that only grew is stored. Growth comes from the clock, not from anyone:
/// a push that changes nothing else (the same tiles, no new country) is stored one in
/// <see cref="Interval"/>, and each write reserves the versions the next unstored pushes may use
/// (<see cref="CaseState.GrowthVersionsReserved"/>). After a crash the case resumes above them, so
/// no tile or page ever sees its version go back. What a crash costs is the unstored pushes'
/// <c>zone-expanded</c> timeline entries: the zone itself is recomputed from its anchors and the time.
/// </summary>
internal static class GrowthWrites
{
    /// <summary>One growth push in this many is stored (if nothing else needs a write sooner).</summary>
    public const int Interval = 16;

    /// <summary>
    /// True when the growth push just made may stay unstored: its version is reserved, its tiles
    /// are those of the stored push before it (<paramref name="tilesBefore"/>), it owes no tile a
    /// cancel it did not owe before (<paramref name="cancelTilesBefore"/>) and reached no new
    /// country (<paramref name="crossed"/>).
    /// </summary>
    public static bool MayStaySkipped(CaseState state, IReadOnlySet<string> tilesBefore, int cancelTilesBefore, bool crossed) =>
        !crossed
        && state.Version <= state.GrowthVersionsReserved
        && state.CancelTiles.Count == cancelTilesBefore
        && state.TouchedTiles.SetEquals(tilesBefore);

    /// <summary>
    /// Sets the reservation a write stores: the next <see cref="Interval"/> − 1 versions after a
    /// growth push's write (<paramref name="growth"/>), none after any other write.
    /// </summary>
    public static void Reserve(CaseState state, bool growth) =>
        state.GrowthVersionsReserved = growth ? state.Version + Interval - 1 : state.Version;

    /// <summary>
    /// On activation: a case stored with versions reserved may have pushed up to the last of them
    /// before it stopped, so it goes on from there.
    /// </summary>
    public static void Resume(CaseState state)
    {
        if (state.GrowthVersionsReserved > state.Version)
        {
            state.Version = state.GrowthVersionsReserved;
        }
    }
}
