using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Cases;

/// <summary>Which countries a case's zone has reached, and the timeline's <c>border-crossed</c> when it first reaches one abroad.</summary>
internal static class CaseBorders
{
    /// <summary>
    /// Adds the countries <paramref name="zone"/> reaches to the case's; for each one abroad it had
    /// never reached, one <c>border-crossed</c> entry. True when the set grew. A zone only ever
    /// adds countries: a partner that was told about a case hears it through to the Cancel. A circle
    /// reaches a country when its radius is at least its centre's distance to the outline
    /// (<paramref name="distances"/>; within 3 % of the zone's polygon against the outline, a test).
    /// </summary>
    public static bool Track(CaseState state, ZoneSnapshot zone, DateTimeOffset now, BorderDistances distances)
    {
        if (zone.Anchors.Length == 0)
        {
            return false;
        }

        return Record(state, [.. distances.Reached(zone.Anchors)], now);
    }

    /// <summary>
    /// Adds <paramref name="reached"/> to the case's countries (a push made at <paramref name="now"/>
    /// reached them), with one <c>border-crossed</c> entry for those abroad it had never reached.
    /// True when the set grew.
    /// </summary>
    public static bool Record(CaseState state, IReadOnlyList<string> reached, DateTimeOffset now)
    {
        var fresh = reached.Where(c => !state.Countries.Contains(c)).ToList();
        if (fresh.Count == 0)
        {
            return false;
        }

        state.Countries.UnionWith(fresh);
        var abroad = fresh.Where(c => c != Countries.Home).ToList();
        if (abroad.Count > 0)
        {
            CaseTimeline.Append(state, now, "border-crossed", CaseLifecycle.SystemActor, ("countries", string.Join(',', abroad)));
        }

        return true;
    }
}
