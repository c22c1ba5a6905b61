using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// Everything a case holds, as operators see it; the gateway trims it for other roles.
/// <see cref="CancelsPending"/>: resolved, but some tile's cancel is still being retried.
/// <see cref="Safeguarding"/>: category, request to publish, resolution detail and referral.
/// <see cref="Exercise"/>: the case is a drill.
/// <see cref="PurgedAt"/>: when retention erased its personal data (the child's details are then empty).
/// <see cref="Countries"/>: the countries the zone has reached (ISO codes, home first), for operators and the partner feeds.
/// <see cref="PublicVersion"/>, <see cref="PublicChangedAt"/>: the version and time of the last change partners see (the CAP message's; 0 and null for a case stored before they were kept).
/// <see cref="PublishedAnchors"/>: an active case's zone as last pushed (the circles of that version's CAP message, where
/// <see cref="Zone"/> is the zone grown to this moment); null when resolved or nothing was pushed yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.case")]
public sealed record CaseSnapshot(
    string Id,
    CaseStatus Status,
    CaseOutcome? Outcome,
    CaseLevel Level,
    long Version,
    ChildProfile Child,
    double LastSeenLat,
    double LastSeenLon,
    DateTimeOffset LastSeenAt,
    TravelMode TravelMode,
    DateTimeOffset CreatedAt,
    ZoneSnapshot Zone,
    SightingRecord[] Sightings,
    CaseStats Stats,
    bool CancelsPending = false,
    CaseSafeguarding? Safeguarding = null,
    bool Exercise = false,
    DateTimeOffset? PurgedAt = null,
    string[]? Countries = null,
    long PublicVersion = 0,
    DateTimeOffset? PublicChangedAt = null,
    AnchorCircle[]? PublishedAnchors = null);
