using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Cases;

/// <summary>Builds the read models of a case from its state.</summary>
internal static class CaseMapping
{
    /// <summary>The case with <paramref name="stats"/>, which its tally keeps.</summary>
    public static CaseSnapshot ToSnapshot(string caseId, CaseState state, ZoneSnapshot zone, CaseStats stats)
    {
        var opening = state.Opening!;
        return new CaseSnapshot(
            caseId, state.Status, state.Outcome, state.Level, state.Version, opening.Child,
            opening.LastSeenLat, opening.LastSeenLon, opening.LastSeenAt, opening.TravelMode, state.CreatedAt,
            zone, [.. state.Sightings],
            stats,
            state.Status == CaseStatus.Resolved && state.PushPending,
            new CaseSafeguarding(opening.Category, state.Escalation, state.Detail, state.Referral),
            opening.Exercise,
            state.PurgedAt,
            CountriesOf(state),
            state.PublicVersion,
            state.PublicChangedAt,
            PublishedAnchors(state));
    }

    /// <summary>
    /// The zone partners were told of: the last pushed, unless a change was marked public and its
    /// push has not gone out yet (a tile failed), when it is the zone as it stands (null: the
    /// message then draws the live zone) — never an older version's circles under a newer identifier.
    /// </summary>
    private static AnchorCircle[]? PublishedAnchors(CaseState state) =>
        state.Status == CaseStatus.Active && state.PushedZone is { } pushed && pushed.Version >= state.PublicVersion ? pushed.Anchors : null;

    /// <summary>The countries the zone has reached, in <see cref="Countries.Codes"/> order.</summary>
    public static string[] CountriesOf(CaseState state) => [.. Countries.Codes.Where(state.Countries.Contains)];

    /// <summary>
    /// The zone at <paramref name="now"/>: live anchors with their grown radii. The child leaves
    /// the snapshot once the case is resolved, so nothing downstream can show it.
    /// </summary>
    public static ZoneSnapshot ToZoneSnapshot(string caseId, CaseState state, ZonePolicy policy, DateTimeOffset now)
    {
        var opening = state.Opening!;
        var child = state.Status == CaseStatus.Active ? opening.Child : null;
        return ZoneAt(caseId, state.Anchors, opening.TravelMode, state.Version, state.Level, child, opening.Exercise, policy, now);
    }

    /// <summary>The zone of <paramref name="anchors"/> at <paramref name="now"/>: the live ones with their grown radii.</summary>
    public static ZoneSnapshot ZoneAt(
        string caseId, IEnumerable<AnchorCircle> anchors, TravelMode mode, long version, CaseLevel level, ChildProfile? child, bool exercise, ZonePolicy policy, DateTimeOffset now)
    {
        if (anchors is IReadOnlyList<AnchorCircle> { Count: 1 } only)
        {
            // Most cases have one anchor, always live: every zone tick builds this, so without LINQ.
            var a = only[0];
            return new ZoneSnapshot(caseId, version, level, now, [new AnchorCircle(a.Lat, a.Lon, a.At, ZoneGrowth.RadiusKm(policy, mode, a.At, now))], child, exercise, mode);
        }

        var live = Zone.LiveAnchors(anchors.ToAnchors(), policy, now);
        var circles = live
            .Select(a => new AnchorCircle(a.Point.Lat, a.Point.Lon, a.At, ZoneGrowth.RadiusKm(policy, mode, a.At, now)))
            .ToArray();
        return new ZoneSnapshot(caseId, version, level, now, circles, child, exercise, mode);
    }

    public static CaseSummary ToSummary(string caseId, CaseState state)
    {
        var opening = state.Opening!;
        return new CaseSummary(
            caseId, state.Status, state.Level, state.Version, opening.Child.Name,
            opening.LastSeenLat, opening.LastSeenLon, opening.LastSeenAt, state.CreatedAt,
            opening.Category, state.Outcome, state.Detail, state.Escalation is { Status: EscalationStatus.Pending }, opening.Exercise, state.PurgedAt,
            CountriesOf(state), state.ResolvedAt);
    }
}
