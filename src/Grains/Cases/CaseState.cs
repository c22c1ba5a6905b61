using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>The persisted state of a case. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.case-state")]
public sealed class CaseState
{
    /// <summary>The case as opened; null until then.</summary>
    [Id(0)] public CaseOpening? Opening { get; set; }

    /// <summary>Active or resolved.</summary>
    [Id(1)] public CaseStatus Status { get; set; }

    /// <summary>Set when resolved.</summary>
    [Id(2)] public CaseOutcome? Outcome { get; set; }

    /// <summary>Internal or public; may be escalated.</summary>
    [Id(3)] public CaseLevel Level { get; set; }

    /// <summary>Bumped on every change anyone can see.</summary>
    [Id(4)] public long Version { get; set; }

    /// <summary>When the case was opened.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last-seen point and every verified sighting, as anchors.</summary>
    [Id(6)] public List<AnchorCircle> Anchors { get; set; } = [];

    /// <summary>Every sighting, in the order received. In memory; stored by <see cref="CaseJournal"/>.</summary>
    [field: NonSerialized] public List<SightingRecord> Sightings { get; set; } = [];

    /// <summary>The audit trail. In memory; stored by <see cref="CaseJournal"/>.</summary>
    [field: NonSerialized] public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>The sightings after the sealed pages (all of them, in states stored before pages existed).</summary>
    [Id(7)] public List<SightingRecord> OpenSightings { get; set; } = [];

    /// <summary>The timeline entries after the sealed pages.</summary>
    [Id(8)] public List<TimelineEntry> OpenTimeline { get; set; } = [];

    // Ids 9, 10, 16, 22 and the acknowledgements: dispatch figures as the case kept them before its
    // tally (ICaseTallyGrain). No longer written; read to seed the tally of a case stored before it.

    /// <summary>Subscribers alerted (a <c>new</c> each), before the tally.</summary>
    [Id(9)] public long Alerted { get; set; }

    /// <summary>Subscribers whose <c>new</c> was written to a live connection (each once), before the tally.</summary>
    [Id(10)] public long Delivered { get; set; }

    /// <summary>Subscribers that acknowledged, in order. In memory; stored by <see cref="CaseJournal"/>.</summary>
    [field: NonSerialized] public List<string> Acknowledgements { get; set; } = [];

    /// <summary>The same subscribers, to tell a repeat at once. In memory.</summary>
    [field: NonSerialized] public HashSet<string> AcknowledgedBy { get; set; } = [];

    /// <summary>Acknowledgements in states stored before they were paged; moved into pages on the next write.</summary>
    [Id(11)] public HashSet<string> UnpagedAcknowledgements { get; set; } = [];

    /// <summary>Tiles the last pushed zone touched.</summary>
    [Id(12)] public HashSet<string> TouchedTiles { get; set; } = [];

    /// <summary>Every tile that may hold someone alerted: owed the cancel.</summary>
    [Id(13)] public HashSet<string> CancelTiles { get; set; } = [];

    /// <summary>The last zone pushed to regions; null before the first push.</summary>
    [Id(14)] public ZoneSnapshot? PushedZone { get; set; }

    /// <summary>The zone changed (stored) but its push has not finished: redone on activation.</summary>
    [Id(15)] public bool PushPending { get; set; }

    /// <summary>Delivery latencies (see <c>LatencyHistogram</c>) before the tally; null when none.</summary>
    [Id(16)] public long[]? LatencyBuckets { get; set; }

    /// <summary>Sealed pages of sightings (<see cref="CaseJournal.PageSize"/> each).</summary>
    [Id(17)] public int SealedSightingPages { get; set; }

    /// <summary>Sealed pages of timeline entries.</summary>
    [Id(18)] public int SealedTimelinePages { get; set; }

    /// <summary>The current status of each sealed sighting: a review may come after its page was sealed.</summary>
    [Id(19)] public List<SightingStatus> SealedSightingStatuses { get; set; } = [];

    /// <summary>The acknowledgements after the sealed pages.</summary>
    [Id(20)] public List<string> OpenAcknowledgements { get; set; } = [];

    /// <summary>Sealed pages of acknowledgements (<see cref="CaseJournal.AcknowledgementPageSize"/> each).</summary>
    [Id(21)] public int SealedAcknowledgementPages { get; set; }

    /// <summary>Subscribers whose first alert a Web Push service accepted, before the tally.</summary>
    [Id(22)] public long Pushed { get; set; }

    /// <summary>Tiles whose cancel of a resolved case has landed: a retried resolve asks only the others.</summary>
    [Id(23)] public HashSet<string> CancelledTiles { get; set; } = [];

    /// <summary>A resolve whose cancels failed once: the timeline says when they are complete.</summary>
    [Id(24)] public bool CancelsDeferred { get; set; }

    /// <summary>
    /// Region directory shards that may hold this case's zone (grain keys): added before a push
    /// publishes to a new one, dropped once a push has told a shard the zone left it, so a resolve
    /// makes every shard that learned the zone forget it.
    /// </summary>
    [Id(25)] public HashSet<string> DirectoryShards { get; set; } = [];

    /// <summary>
    /// The highest version a growth push may have used since this state was stored, when every
    /// growth write reserved the next ones. No longer written (see <see cref="GrowthMayBeUnstored"/>);
    /// a state stored with it still resumes from it (<see cref="GrowthWrites.Resume"/>).
    /// </summary>
    [Id(26)] public long GrowthVersionsReserved { get; set; }

    /// <summary>
    /// Growth pushes may have followed this write unstored (every write but a clean deactivation's):
    /// an activation then goes on above the most there can have been (<see cref="GrowthWrites.Resume"/>).
    /// </summary>
    [Id(27)] public bool GrowthMayBeUnstored { get; set; }

    // Ids from 40 on: safeguarding (consent, approval, resolution detail, referral).

    /// <summary>The latest request to go public; null before any.</summary>
    [Id(40)] public EscalationRecord? Escalation { get; set; }

    /// <summary>How the case ended, finer than <see cref="Outcome"/>.</summary>
    [Id(41)] public ResolutionDetail? Detail { get; set; }

    /// <summary>Where the found child was referred.</summary>
    [Id(42)] public CaseReferral? Referral { get; set; }

    /// <summary>Reviews of sealed sightings by sighting index, like <see cref="SealedSightingStatuses"/>: a review may come after its page was sealed.</summary>
    [Id(43)] public Dictionary<int, SightingReview> SealedSightingReviews { get; set; } = [];

    // Ids from 60 on: partner feeds.

    /// <summary>The countries (ISO codes) the zone has ever reached, home included; each one abroad is a <c>border-crossed</c> once.</summary>
    [Id(60)] public HashSet<string> Countries { get; set; } = [];

    /// <summary>When the case was resolved; null while active (and for cases resolved before it was kept).</summary>
    [Id(61)] public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>
    /// The version of the last change partners and phones see (opened, made public, the child's
    /// details or photo, a verified sighting, growth, resolved): the CAP message's version. A
    /// tip, a rejection, a request to publish or a category leave it, and the message, as they were.
    /// </summary>
    [Id(62)] public long PublicVersion { get; set; }

    /// <summary>When that change was made: the CAP message's <c>sent</c>; null for a case stored before it was kept.</summary>
    [Id(63)] public DateTimeOffset? PublicChangedAt { get; set; }

    // Ids from 70 on: retention.

    /// <summary>When retention erased the reporters' contacts; null while they are kept.</summary>
    [Id(70)] public DateTimeOffset? ContactsPurgedAt { get; set; }

    /// <summary>When retention erased every personal field (see <c>CasePurge</c>); null while they are kept.</summary>
    [Id(71)] public DateTimeOffset? PurgedAt { get; set; }

    /// <summary>
    /// Hosted photos (ids) the child's photo replaced whose delete is not known to be done: deleted
    /// once the new photo is stored and pushed, and again at the wake-up and the purge until they are.
    /// </summary>
    [Id(72)] public List<string> ReplacedPhotos { get; set; } = [];

    /// <summary>
    /// Hosted photos (ids) noted before their bytes were stored and not yet the child's photo: an
    /// upload whose <c>SetPhoto</c> never landed (the case unreachable, the gateway gone) leaves a
    /// copy of the child nothing else names, which the purge deletes from here.
    /// </summary>
    [Id(73)] public List<string> UploadedPhotos { get; set; } = [];
}
