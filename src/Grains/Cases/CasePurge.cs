using System.Globalization;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// Erases personal data from a resolved case's state, keeping what happened, by whom and when.
/// Pure functions of the state (the grain deletes the photo and stores the result); each step is
/// done once and recorded on the timeline, so running it again changes nothing.
/// </summary>
/// <remarks>
/// Kept: ids, status, outcome, level, category, times, the last-seen point and sighting positions
/// (a position is not a name, and the zone's history is the case's), sighting statuses and
/// channels, reviewers, requesters, approvers, consent method and time, the referral's mechanism
/// and time. Timeline data keeps only the keys in <see cref="KeptTimelineKeys"/>: a detail someone
/// adds later is purged until it is known to be harmless.
/// </remarks>
internal static class CasePurge
{
    /// <summary>The timeline's data keys that hold no personal data: kinds of things, ids, counts and times.</summary>
    public static readonly IReadOnlySet<string> KeptTimelineKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "level", "travelMode", "category", "sightingId", "status", "channel", "duplicateOf", "outcome", "detail",
        "mechanism", "referredAt", "radiusKm", "anchors", "consent", "consentGivenAt", "requestedBy", "sightings", "fields",
        "countries", "exercise",
    };

    /// <summary>
    /// When the case was resolved (<see cref="CaseState.ResolvedAt"/>; for a case resolved before that
    /// was kept, its last <c>resolved</c> entry), or null while it is not.
    /// </summary>
    public static DateTimeOffset? ResolvedAt(CaseState state) =>
        state.Status == Domain.Cases.CaseStatus.Resolved
            ? state.ResolvedAt ?? state.Timeline.LastOrDefault(e => e.Kind == "resolved")?.At
            : null;

    /// <summary>Whether nothing is left for retention to erase.</summary>
    public static bool Done(CaseState state) => state.PurgedAt is not null;

    /// <summary>The id of the hosted photo (the last segment of a relative <c>photoUrl</c>), or null for none or an outside host's.</summary>
    public static string? PhotoId(CaseState state) => PhotoId(state.Opening?.Child.PhotoUrl);

    /// <summary>The id of the photo hosted at <paramref name="photoUrl"/>, or null for none or an outside host's.</summary>
    public static string? PhotoId(string? photoUrl) =>
        photoUrl is { } url && url.StartsWith('/') && url.TrimEnd('/') is { Length: > 1 } path
            ? path[(path.LastIndexOf('/') + 1)..]
            : null;

    /// <summary>Erases every reporter's contact; false when they already were.</summary>
    public static bool EraseContacts(CaseState state, DateTimeOffset now)
    {
        if (state.ContactsPurgedAt is not null)
        {
            return false;
        }

        var erased = 0;
        for (var i = 0; i < state.Sightings.Count; i++)
        {
            if (state.Sightings[i].ReporterContact is not null)
            {
                state.Sightings[i] = state.Sightings[i] with { ReporterContact = null };
                erased++;
            }
        }

        state.ContactsPurgedAt = now;
        state.Version++;
        CaseTimeline.Append(state, now, "contacts-purged", SystemActor, ("sightings", erased.ToString(CultureInfo.InvariantCulture)));
        return true;
    }

    /// <summary>Erases everything personal (the contacts too); false when it already was.</summary>
    public static bool EraseAll(CaseState state, DateTimeOffset now)
    {
        if (state.PurgedAt is not null)
        {
            return false;
        }

        EraseContacts(state, now);
        var opening = state.Opening!;
        state.Opening = opening with { Child = new ChildProfile(string.Empty, 0, null, string.Empty, null) };
        state.ReplacedPhotos.Clear();
        state.UploadedPhotos.Clear();
        state.PushedZone = state.PushedZone is { } zone ? zone with { Child = null } : null;
        for (var i = 0; i < state.Sightings.Count; i++)
        {
            var sighting = state.Sightings[i];
            state.Sightings[i] = sighting with
            {
                Description = string.Empty,
                ReporterContact = null,
                Review = sighting.Review is { } review ? review with { Reason = null } : null,
            };
        }

        if (state.Escalation is { } escalation)
        {
            state.Escalation = escalation with
            {
                Consent = escalation.Consent is { } consent ? consent with { GivenBy = string.Empty } : null,
                ReasonWithoutConsent = null,
                DecisionReason = null,
            };
        }

        if (state.Referral is { } referral)
        {
            state.Referral = referral with { ReceivingBody = string.Empty, ReferredBy = string.Empty };
        }

        for (var i = 0; i < state.Timeline.Count; i++)
        {
            var entry = state.Timeline[i];
            if (entry.Data.Keys.Any(k => !KeptTimelineKeys.Contains(k)))
            {
                state.Timeline[i] = entry with { Data = entry.Data.Where(d => KeptTimelineKeys.Contains(d.Key)).ToDictionary() };
            }
        }

        state.PurgedAt = now;
        state.Version++;
        CaseTimeline.Append(state, now, "purged", SystemActor);
        return true;
    }

    private const string SystemActor = "system";
}
