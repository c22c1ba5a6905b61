using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Geo;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>From grain snapshots to API views; the one place that decides who sees what.</summary>
public static class CaseViewMapping
{
    public static CaseView<OperatorSightingView> ForOperators(CaseSnapshot c)
    {
        var view = ToView(c, c.Sightings.Select(ForOperators)) with { Countries = c.Countries ?? [] };
        return c.Safeguarding is not { } s ? view : view with
        {
            Escalation = s.Escalation is { } e ? ToView(c.Id, e) : null,
            Detail = s.Detail,
            Referral = s.Referral is { } r ? new ReferralView(r.Mechanism, Kept(r.ReceivingBody), r.ReferredAt, Kept(r.ReferredBy)) : null,
        };
    }

    /// <summary>
    /// Field teams: the case without reporter contacts, consent or referral (its category helps the
    /// search), and its verified sightings only: a tip nobody has checked (it may name a third
    /// party, or be false) stays with the control room.
    /// </summary>
    public static CaseView<SightingView> ForField(CaseSnapshot c) =>
        ToView(c, c.Sightings.Where(s => s.Status == SightingStatus.Verified).Select(ForPublic));

    public static OperatorSightingView ForOperators(SightingRecord s) =>
        new(s.Id, s.CaseId, s.Lat, s.Lon, s.SeenAt, s.ReportedAt, Kept(s.Description), s.Status, s.ReporterRole, s.ReporterContact,
            s.Channel, s.Review is { } r ? new SightingReviewView(r.By, r.At, r.Reason, r.DuplicateOf) : null);

    public static EscalationView ToView(string caseId, EscalationRecord e) => new(
        caseId, e.Status, e.RequestedBy, e.RequestedAt,
        e.Consent is { } consent ? new ConsentView(Kept(consent.GivenBy), consent.Method, consent.GivenAt) : null,
        e.ReasonWithoutConsent, e.DecidedBy, e.DecidedAt, e.DecisionReason);

    public static SightingView ForPublic(SightingRecord s) =>
        new(s.Id, s.CaseId, s.Lat, s.Lon, s.SeenAt, s.ReportedAt, Kept(s.Description), s.Status, s.ReporterRole);

    public static CaseSummaryView ToSummary(CaseSummary c) =>
        new(c.Id, c.Status, c.Level, c.Version, Kept(c.ChildName), new PointInTime(c.LastSeenLat, c.LastSeenLon, c.LastSeenAt), c.CreatedAt,
            c.Category, c.Outcome, c.Detail, c.EscalationPending, c.Exercise, c.PurgedAt);

    public static ZoneFeature ToFeature(ZoneSnapshot zone) =>
        new(ZoneShapes.ToGeoJson(zone.Anchors), new ZoneProperties(zone.CaseId, zone.Version, zone.ComputedAt, Anchors(zone)));

    private static CaseView<T> ToView<T>(CaseSnapshot c, IEnumerable<T> sightings) => new(
        c.Id, c.Status, c.Outcome, c.Level, c.Version,
        c.PurgedAt is null ? new ChildView(c.Child.Name, c.Child.Age, c.Child.Sex, c.Child.Description, c.Child.PhotoUrl) : new ChildView(null, null, null, null, null),
        new PointInTime(c.LastSeenLat, c.LastSeenLon, c.LastSeenAt),
        c.TravelMode, c.CreatedAt,
        new ZoneView(Math.Round(c.Zone.RadiusKm, 3), Anchors(c.Zone)),
        [.. sightings],
        new StatsView(c.Stats.Alerted, c.Stats.Delivered, c.Stats.Acknowledged, c.Stats.P50Ms, c.Stats.P99Ms, c.Stats.Pushed),
        c.CancelsPending,
        c.Exercise,
        c.Safeguarding?.Category ?? Domain.Cases.CaseCategory.Unspecified,
        PurgedAt: c.PurgedAt);

    /// <summary>A text retention purged (stored empty, which validation never lets in) is null in every view.</summary>
    private static string? Kept(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static AnchorView[] Anchors(ZoneSnapshot zone) =>
        [.. zone.Anchors.Select(a => new AnchorView(a.Lat, a.Lon, a.At, Math.Round(a.RadiusKm, 3)))];
}
