using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Grains.Cases;

/// <summary>Builds a case's replay from its state; the zone's frames come from <see cref="ZoneReplay"/>.</summary>
internal static class CaseReplays
{
    public static CaseReplay Build(string caseId, CaseState state, ZonePolicy policy, DateTimeOffset now, TallySample[] counts)
    {
        var opening = state.Opening!;
        var from = state.CreatedAt;
        var end = CasePurge.ResolvedAt(state) ?? now;
        var to = end < from ? from : end;

        // The last-seen point anchors the zone from the opening; a verified sighting from its verification.
        var anchors = new List<KnownAnchor> { new(new ZoneAnchor(new GeoPoint(opening.LastSeenLat, opening.LastSeenLon), opening.LastSeenAt), from) };
        anchors.AddRange(state.Sightings
            .Where(s => s.Status == SightingStatus.Verified)
            .Select(s => new KnownAnchor(new ZoneAnchor(new GeoPoint(s.Lat, s.Lon), s.SeenAt), DecidedAt(s)!.Value)));

        var frames = ZoneReplay.Frames(anchors, opening.TravelMode, policy, from, to)
            .Select(f => new ReplayFrame(f.At, [.. f.Anchors.Zip(f.Zone.Circles, (a, c) => new AnchorCircle(a.Point.Lat, a.Point.Lon, a.At, c.RadiusKm))]))
            .ToArray();
        var sightings = state.Sightings
            .Select(s => new ReplaySighting(s.Id, s.Lat, s.Lon, s.SeenAt, s.ReportedAt, s.Status, DecidedAt(s)))
            .OrderBy(s => s.ReportedAt)
            .ToArray();
        var events = state.Timeline.Select(e => new ReplayEvent(e.Seq, e.At, e.Kind)).ToArray();
        return new CaseReplay(caseId, state.Status, opening.TravelMode, from, to, frames, sightings, counts, events);
    }

    /// <summary>When the sighting got its status: its review, or its report when it was verified on report.</summary>
    private static DateTimeOffset? DecidedAt(SightingRecord s) => s.Status switch
    {
        SightingStatus.Pending => null,
        _ => s.Review?.At ?? s.ReportedAt,
    };
}
