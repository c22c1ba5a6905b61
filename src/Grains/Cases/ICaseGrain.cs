using EarlyWarning.Domain.Cases;
using Orleans.Concurrency;

namespace EarlyWarning.Grains.Cases;

/// <summary>One missing-child case (key: case id): its state, sightings, zone and timeline.</summary>
[Alias("ew.ICaseGrain")]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Opens the case and pushes its first zone; opening an open case returns it unchanged.</summary>
    [Alias("open")]
    Task<CaseSnapshot> Open(CaseOpening opening);

    /// <summary>The case, or null when no case has this id.</summary>
    [Alias("get")]
    Task<CaseSnapshot?> GetCase();

    /// <summary>
    /// How many subscribers the zone as of now would reach at <paramref name="level"/> (field teams
    /// only when internal), without alerting anyone; null for an unknown case. Lets a supervisor
    /// see what escalating to public would do.
    /// </summary>
    [Alias("preview-reach")]
    Task<int?> PreviewReach(CaseLevel level);

    /// <summary>The zone as of now (not only as last pushed), or null for an unknown case.</summary>
    [Alias("zone")]
    Task<ZoneSnapshot?> GetZone();

    /// <summary>The audit trail, oldest first; empty for an unknown case.</summary>
    [Alias("timeline")]
    Task<TimelineEntry[]> GetTimeline();

    /// <summary>
    /// The case from its opening to its resolve (or now), with times, for the control room's
    /// replay; null for an unknown case. Also for a resolved or purged case (positions and times only).
    /// </summary>
    [Alias("replay")]
    Task<CaseReplay?> GetReplay();

    /// <summary>Stores a sighting once per id; a verified one re-centres the zone and pushes it at once.</summary>
    [Alias("report-sighting")]
    Task<SightingResult> ReportSighting(SightingReport report);

    /// <summary>
    /// An operator verifies (it re-centres the zone) or rejects a pending sighting, saying why
    /// (<paramref name="reason"/>); a rejected duplicate names the earlier sighting
    /// (<paramref name="duplicateOf"/>, refused with <see cref="CaseRefusal.UnknownDuplicate"/> when not in this case).
    /// </summary>
    [Alias("review-sighting")]
    Task<SightingResult> ReviewSighting(string sightingId, bool verify, string actor, string? reason = null, string? duplicateOf = null);

    /// <summary>
    /// Points the child's photo at <paramref name="photoUrl"/> (a photo the system holds): a new
    /// version, pushed at once as an <c>update</c> to everyone already alerted. Refused with
    /// <see cref="CaseRefusal.Resolved"/> once resolved.
    /// </summary>
    [Alias("set-photo")]
    Task<CaseCommandResult> SetPhoto(string photoUrl, string actor);

    /// <summary>
    /// Notes a hosted photo (its id) before its bytes are stored, so the purge deletes it even if
    /// <see cref="SetPhoto"/> never lands. False when the case is unknown or resolved: nothing is to
    /// be stored for it.
    /// </summary>
    [Alias("expect-photo")]
    Task<bool> ExpectPhoto(string photoId);

    /// <summary>
    /// Corrects the case (<see cref="CaseEdit"/>), all of it or nothing, with one <c>edited</c> timeline entry
    /// naming the fields. A change to the child is a new version pushed at once as an <c>update</c>
    /// to everyone already alerted; a new travel mode regrows the zone from its anchors at the new
    /// speed and pushes it; a category alone reaches the control room only. An edit that changes
    /// nothing returns the case unchanged. Refused with <see cref="CaseRefusal.Resolved"/> once resolved.
    /// </summary>
    [Alias("edit")]
    Task<CaseCommandResult> Edit(CaseEdit edit);

    /// <summary>
    /// Asks to raise an internal case to public. With one approver (<see cref="CaseOptions.EscalationApprovers"/>)
    /// it is public at once: public subscribers within reach get their <c>new</c>. With two, the
    /// request waits (<see cref="CaseSafeguarding.Escalation"/> pending) for <see cref="ApproveEscalation"/>,
    /// and needs the family's consent or a reason to publish without it (else
    /// <see cref="CaseRefusal.ConsentRequired"/>). A public case, or one whose request already
    /// waits, is returned unchanged.
    /// </summary>
    [Alias("escalate")]
    Task<CaseCommandResult> Escalate(EscalationRequest request);

    /// <summary>
    /// A second supervisor approves the waiting request and the case goes public. Refused with
    /// <see cref="CaseRefusal.OwnRequest"/> for the requester and <see cref="CaseRefusal.NothingPending"/>
    /// when no request waits.
    /// </summary>
    [Alias("approve-escalation")]
    Task<CaseCommandResult> ApproveEscalation(string actor);

    /// <summary>Turns the waiting request down with a reason; the case stays internal. <see cref="CaseRefusal.NothingPending"/> when none waits.</summary>
    [Alias("reject-escalation")]
    Task<CaseCommandResult> RejectEscalation(string actor, string reason);

    /// <summary>
    /// Closes the case: everyone alerted gets exactly one <c>cancel</c>, which carries no child
    /// profile. The resolve is stored before any tile is called; cancels a tile failed to take are
    /// retried by the wake-up reminder (the answer's <see cref="CaseSnapshot.CancelsPending"/>), and
    /// a second call meanwhile continues them and answers as the first. Refused with
    /// <see cref="CaseRefusal.Resolved"/> once resolved and every cancel is done. A finer
    /// <paramref name="detail"/> and a <paramref name="referral"/> may come with it; a found child
    /// in a case of suspected trafficking needs the referral (<see cref="CaseRefusal.ReferralRequired"/>).
    /// A request to publish still waiting is dropped.
    /// </summary>
    [Alias("resolve")]
    Task<CaseCommandResult> Resolve(CaseOutcome outcome, string? note, string actor, ResolutionDetail? detail = null, CaseReferral? referral = null);

    /// <summary>
    /// Whether the case still alerts (open and active as stored): a tile asks before alerting a
    /// newcomer, so a case resolving is never announced by a tile its cancel has not reached yet.
    /// Interleaves: a tile may ask while the case is calling that tile.
    /// </summary>
    [AlwaysInterleave, Alias("is-alerting")]
    Task<bool> IsAlerting();

    /// <summary>
    /// When partners last saw the case change (<see cref="CaseSnapshot.PublicChangedAt"/>, the CAP
    /// message's <c>sent</c>), for the Atom feed's entries without the whole snapshot; null for a
    /// case unknown, or stored before the time was kept. Interleaves, as <see cref="IsAlerting"/>.
    /// </summary>
    [AlwaysInterleave, Alias("public-changed-at")]
    Task<DateTimeOffset?> PublicChangedAt();

    /// <summary>
    /// <see cref="IsAlerting"/> for a tile that holds the zone without the child (adopted from the
    /// region directory, which keeps no personal data): the child while the case alerts, else null.
    /// Interleaves, as <see cref="IsAlerting"/>.
    /// </summary>
    [AlwaysInterleave, Alias("alerting-child")]
    Task<ChildProfile?> AlertingChild();

    /// <summary>Re-evaluates the zone now and pushes it if it grew materially or an anchor retired; its silo's zone tick calls this when only the case can make the push (a new tile or country).</summary>
    [Alias("refresh-zone")]
    Task RefreshZone();

    /// <summary>
    /// Adds a region to those that get the cancel when the case resolves: one that adopted an
    /// alerted subscriber but never held the zone. It stays with the case (not its tally): the
    /// case alone decides where cancels go, and it must know before it resolves.
    /// </summary>
    [Alias("track-region")]
    Task TrackRegion(string tileKey);

    /// <summary>
    /// A region learned this case's zone from the directory (it came within reach of it) and may
    /// alert with it: it gets the cancel on resolution, or at once if the case has just ended.
    /// One-way, because the case may be awaiting that very region. The one call a tile makes into
    /// the case while it may be pushing; counts go to <see cref="Dispatch.ICaseTallyGrain"/>.
    /// </summary>
    [OneWay, Alias("region-joined")]
    Task RegionJoined(string tileKey);

    /// <summary>
    /// Tells the case directory this case's line as it stands, finishing an owed resolve first:
    /// the directory asks this on activation of each case it still lists active that no longer
    /// alerts (the resolve could not tell it: its silo had died). One-way, because the directory
    /// asks while the case may be awaiting that very directory.
    /// </summary>
    [OneWay, Alias("tell-directory")]
    Task TellDirectory();

    /// <summary>
    /// Runs the retention check the retention reminder runs: erases what <c>RetentionSchedule</c>
    /// says is due by now (reporter contacts, later everything personal) from a resolved case,
    /// and drops the reminder once nothing is left. An active case is never purged.
    /// </summary>
    [Alias("apply-retention")]
    Task ApplyRetention();
}
