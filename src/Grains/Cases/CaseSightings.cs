using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The sighting rules of a case, on its state: one sighting per id, public reports only on public
/// cases and pending until reviewed, and every verified sighting an anchor of the zone.
/// </summary>
internal static class CaseSightings
{
    /// <summary>Stores a new report; the caller has checked the case is open and the id is new.</summary>
    public static (SightingRecord? Sighting, CaseRefusal Refusal) Add(CaseState state, string caseId, SightingReport report, DateTimeOffset now)
    {
        if (state.Status == CaseStatus.Resolved)
        {
            return (null, CaseRefusal.Resolved);
        }

        if (!report.Verified && state.Level != CaseLevel.Public)
        {
            return (null, CaseRefusal.NotPublic);
        }

        var status = report.Verified ? SightingStatus.Verified : SightingStatus.Pending;
        var sighting = new SightingRecord(
            report.SightingId, caseId, report.Lat, report.Lon, report.SeenAt, now,
            report.Description, status, report.ReporterRole, report.ReporterContact);
        state.Sightings.Add(sighting);
        state.Version++;
        CaseTimeline.Append(state, now, "sighting-reported", report.ReporterRole, ("sightingId", sighting.Id), ("status", CaseLifecycle.Lower(status)));
        if (report.Verified)
        {
            Anchor(state, sighting, report.ReporterRole, now);
        }

        return (sighting, CaseRefusal.None);
    }

    /// <summary>
    /// Verifies or rejects a pending sighting. Repeating the same decision returns the sighting
    /// unchanged; reversing a decision is refused (<see cref="CaseRefusal.AlreadyReviewed"/>).
    /// </summary>
    public static (SightingRecord? Sighting, CaseRefusal Refusal) Review(CaseState state, string sightingId, bool verify, string actor, DateTimeOffset now)
    {
        var index = state.Sightings.FindIndex(s => s.Id == sightingId);
        if (index < 0)
        {
            return (null, CaseRefusal.UnknownSighting);
        }

        var sighting = state.Sightings[index];
        var wanted = verify ? SightingStatus.Verified : SightingStatus.Rejected;
        if (sighting.Status == wanted)
        {
            return (sighting, CaseRefusal.None);
        }

        if (sighting.Status != SightingStatus.Pending)
        {
            return (sighting, CaseRefusal.AlreadyReviewed);
        }

        if (state.Status == CaseStatus.Resolved)
        {
            return (sighting, CaseRefusal.Resolved);
        }

        sighting = sighting with { Status = wanted };
        state.Sightings[index] = sighting;
        state.Version++;
        if (verify)
        {
            Anchor(state, sighting, actor, now);
        }
        else
        {
            CaseTimeline.Append(state, now, "sighting-rejected", actor, ("sightingId", sighting.Id));
        }

        return (sighting, CaseRefusal.None);
    }

    private static void Anchor(CaseState state, SightingRecord sighting, string actor, DateTimeOffset now)
    {
        state.Anchors.Add(new AnchorCircle(sighting.Lat, sighting.Lon, sighting.SeenAt, 0));
        state.PushPending = true;
        CaseTimeline.Append(state, now, "sighting-verified", actor, ("sightingId", sighting.Id));
    }
}
