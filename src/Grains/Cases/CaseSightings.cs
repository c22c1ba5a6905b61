using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The sighting rules of a case, on its state: one sighting per id, anonymous reports only on public
/// cases, tips (anonymous, or logged by an operator from a channel) pending until reviewed, and
/// every verified sighting an anchor of the zone.
/// </summary>
internal static class CaseSightings
{
    /// <summary>
    /// Whether the case takes this report at all: not once resolved, and from the public only when
    /// public. Checked before a report is matched to a known id, so a reused id tells nobody more
    /// than a new one would.
    /// </summary>
    public static CaseRefusal Admission(CaseState state, SightingReport report)
    {
        // The control room logs tips on internal cases too; only the public needs the case public,
        // and is told nothing else of an internal one (not even that it was resolved).
        if (report.ReporterRole == PublicRole && state.Level != CaseLevel.Public)
        {
            return CaseRefusal.NotPublic;
        }

        return state.Status == CaseStatus.Resolved ? CaseRefusal.Resolved : CaseRefusal.None;
    }

    /// <summary>
    /// Whether <paramref name="report"/> may be answered with <paramref name="known"/>, the sighting
    /// already stored under its id (API.md: the same id twice gives the first sighting). Who reads it
    /// anyway may: the control room, and field teams a verified one. The public, whose reporters
    /// nobody can tell apart, and a field team asking for a tip it does not read (a pending one
    /// another team phoned in), only with the same report sent again (place, time and words), so a
    /// reused id reads nothing.
    /// </summary>
    public static bool IsRetryOf(SightingRecord known, SightingReport report) =>
        known.ReporterRole == report.ReporterRole
        && (report.ReporterRole switch
        {
            PublicRole => false,
            FieldRole => known.Status == SightingStatus.Verified,
            _ => true,
        } || SameReport(known, report));

    private static bool SameReport(SightingRecord known, SightingReport report) =>
        known.Lat.Equals(report.Lat) && known.Lon.Equals(report.Lon) && known.SeenAt == report.SeenAt
        && string.Equals(known.Description, report.Description, StringComparison.Ordinal);

    /// <summary>Stores a new report; the caller has checked the case is open and the id is new.</summary>
    public static (SightingRecord? Sighting, CaseRefusal Refusal) Add(CaseState state, string caseId, SightingReport report, DateTimeOffset now)
    {
        if (Admission(state, report) is var refusal && refusal != CaseRefusal.None)
        {
            return (null, refusal);
        }

        var status = report.Verified ? SightingStatus.Verified : SightingStatus.Pending;
        var sighting = new SightingRecord(
            report.SightingId, caseId, report.Lat, report.Lon, report.SeenAt, now,
            report.Description, status, report.ReporterRole, report.ReporterContact, report.Channel);
        state.Sightings.Add(sighting);
        state.Version++;
        (string, string)[] data = report.Channel is { } channel
            ? [("sightingId", sighting.Id), ("status", CaseLifecycle.Lower(status)), ("channel", CaseLifecycle.Lower(channel))]
            : [("sightingId", sighting.Id), ("status", CaseLifecycle.Lower(status))];
        CaseTimeline.Append(state, now, "sighting-reported", report.ReporterRole, data);
        if (report.Verified)
        {
            Anchor(state, sighting, report.ReporterRole, now);
        }

        return (sighting, CaseRefusal.None);
    }

    /// <summary>
    /// Verifies or rejects a pending sighting. Repeating the same decision returns the sighting
    /// unchanged; reversing a decision, or rejecting again as the duplicate of another sighting,
    /// is refused (<see cref="CaseRefusal.AlreadyReviewed"/>). A rejection may name the earlier
    /// sighting it duplicates (<paramref name="duplicateOf"/>; unknown: <see cref="CaseRefusal.UnknownDuplicate"/>).
    /// </summary>
    public static (SightingRecord? Sighting, CaseRefusal Refusal) Review(
        CaseState state, string sightingId, bool verify, string actor, DateTimeOffset now, string? reason = null, string? duplicateOf = null)
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
            // A retry sends the same; naming another duplicate is another decision, not a repeat.
            return duplicateOf is null || duplicateOf == sighting.Review?.DuplicateOf
                ? (sighting, CaseRefusal.None)
                : (sighting, IsOtherSighting(state, sightingId, duplicateOf) ? CaseRefusal.AlreadyReviewed : CaseRefusal.UnknownDuplicate);
        }

        if (sighting.Status != SightingStatus.Pending)
        {
            return (sighting, CaseRefusal.AlreadyReviewed);
        }

        if (state.Status == CaseStatus.Resolved)
        {
            return (sighting, CaseRefusal.Resolved);
        }

        if (duplicateOf is not null && !IsOtherSighting(state, sightingId, duplicateOf))
        {
            return (sighting, CaseRefusal.UnknownDuplicate);
        }

        sighting = sighting with { Status = wanted, Review = new SightingReview(actor, now, reason, duplicateOf) };
        state.Sightings[index] = sighting;
        state.Version++;
        if (verify)
        {
            Anchor(state, sighting, actor, now, reason);
        }
        else
        {
            List<(string, string)> data = [("sightingId", sighting.Id)];
            if (reason is not null)
            {
                data.Add(("reason", reason));
            }

            if (duplicateOf is not null)
            {
                data.Add(("duplicateOf", duplicateOf));
            }

            CaseTimeline.Append(state, now, "sighting-rejected", actor, [.. data]);
        }

        return (sighting, CaseRefusal.None);
    }

    private const string PublicRole = "public";
    private const string FieldRole = "field";

    private static bool IsOtherSighting(CaseState state, string sightingId, string otherId) =>
        otherId != sightingId && state.Sightings.Exists(s => s.Id == otherId);

    private static void Anchor(CaseState state, SightingRecord sighting, string actor, DateTimeOffset now, string? reason = null)
    {
        state.Anchors.Add(new AnchorCircle(sighting.Lat, sighting.Lon, sighting.SeenAt, 0));
        CaseLifecycle.MarkPublic(state, now);
        (string, string)[] data = reason is null ? [("sightingId", sighting.Id)] : [("sightingId", sighting.Id), ("reason", reason)];
        CaseTimeline.Append(state, now, "sighting-verified", actor, data);
    }
}
