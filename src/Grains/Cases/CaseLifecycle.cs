using System.Globalization;
using System.Text.Json;
using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The state changes of a case's life, each bumping the version and writing the timeline. Pure
/// functions of the state, so the grain keeps only the plumbing (storage, regions, timers).
/// </summary>
internal static class CaseLifecycle
{
    internal const string SystemActor = "system";

    public static void Open(CaseState state, CaseOpening opening, DateTimeOffset now)
    {
        state.Opening = opening;
        state.Status = CaseStatus.Active;
        state.Level = opening.Level;
        state.CreatedAt = now;
        state.Version = 1;
        MarkPublic(state, now);
        state.Anchors.Add(new AnchorCircle(opening.LastSeenLat, opening.LastSeenLon, opening.LastSeenAt, 0));
        (string, string)[] data = [("level", Lower(opening.Level)), ("travelMode", Lower(opening.TravelMode)), ("category", Lower(opening.Category))];

        // Only a drill says so: an ordinary case's entry stays as it always was.
        CaseTimeline.Append(state, now, "opened", opening.Actor, opening.Exercise ? [.. data, ("exercise", "true")] : data);
    }

    /// <summary>Raises the case to public; false when it already was.</summary>
    public static bool Escalate(CaseState state, string actor, DateTimeOffset now, params (string Key, string Value)[] data)
    {
        if (state.Level == CaseLevel.Public)
        {
            return false;
        }

        state.Level = CaseLevel.Public;
        state.Version++;
        MarkPublic(state, now);
        CaseTimeline.Append(state, now, "escalated", actor, data);
        return true;
    }

    /// <summary>
    /// The child's photo is now the one at <paramref name="photoUrl"/>: a new version, pushed to
    /// everyone already alerted. The timeline says a photo was added or replaced, not where it is.
    /// </summary>
    public static void PhotoChanged(CaseState state, string photoUrl, string actor, DateTimeOffset now)
    {
        var opening = state.Opening!;
        var replaced = opening.Child.PhotoUrl is not null;
        state.Opening = opening with { Child = opening.Child with { PhotoUrl = photoUrl } };
        state.Version++;
        MarkPublic(state, now);
        CaseTimeline.Append(state, now, replaced ? "photo-replaced" : "photo-added", actor);
    }

    /// <summary>Closes the case; its cancels are then owed (<see cref="CaseState.PushPending"/>).</summary>
    public static void Resolve(CaseState state, CaseOutcome outcome, string? note, string actor, DateTimeOffset now, ResolutionDetail? detail = null)
    {
        state.Status = CaseStatus.Resolved;
        state.Outcome = outcome;
        state.Detail = detail;
        state.ResolvedAt = now;
        state.Version++;
        MarkPublic(state, now);
        List<(string, string)> data = [("outcome", Lower(outcome))];
        if (detail is { } d)
        {
            data.Add(("detail", Lower(d)));
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            data.Add(("note", note));
        }

        CaseTimeline.Append(state, now, "resolved", actor, [.. data]);
    }

    /// <summary>Records where the found child was referred, with the resolve that found them.</summary>
    public static void Refer(CaseState state, CaseReferral referral, string actor, DateTimeOffset now)
    {
        state.Referral = referral;
        CaseTimeline.Append(state, now, "referred", actor,
            ("mechanism", Lower(referral.Mechanism)), ("receivingBody", referral.ReceivingBody),
            ("referredAt", referral.ReferredAt.ToString("O", CultureInfo.InvariantCulture)), ("referredBy", referral.ReferredBy));
    }

    /// <summary>The clock grew the zone (or retired an anchor) enough to push.</summary>
    public static void ZoneExpanded(CaseState state, ZoneSnapshot zone, DateTimeOffset now)
    {
        state.Version++;
        MarkPublic(state, now);
        ZoneExpandedEntry(state, zone.RadiusKm, zone.Anchors.Length, now);
    }

    /// <summary>
    /// The timeline's <c>zone-expanded</c> for a growth pushed at <paramref name="now"/> (by the case,
    /// or by its silo's ticker): the zone's widest radius and how many anchors it has.
    /// </summary>
    public static void ZoneExpandedEntry(CaseState state, double radiusKm, int anchors, DateTimeOffset now) =>
        CaseTimeline.Append(state, now, "zone-expanded", SystemActor,
            ("radiusKm", radiusKm.ToString("0.###", CultureInfo.InvariantCulture)),
            ("anchors", anchors.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The change just made at the current version is one partners and phones see: it is owed a
    /// push, and it is what the CAP message carries (<see cref="CaseState.PublicVersion"/>).
    /// </summary>
    public static void MarkPublic(CaseState state, DateTimeOffset now)
    {
        state.PushPending = true;
        state.PublicVersion = state.Version;
        state.PublicChangedAt = now;
    }

    /// <summary>An enum as the timeline and API write it: lower case, words joined by '-' (<c>found-safe</c>).</summary>
    public static string Lower<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
