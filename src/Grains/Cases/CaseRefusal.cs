namespace EarlyWarning.Grains.Cases;

/// <summary>Why a case turned a command down; business refusals are values, not exceptions.</summary>
public enum CaseRefusal
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>No case has this id.</summary>
    NotFound,

    /// <summary>The case is resolved and takes no more changes.</summary>
    Resolved,

    /// <summary>The case is not at a level that allows this (e.g. an anonymous sighting on an internal case).</summary>
    NotPublic,

    /// <summary>The case has no sighting with this id.</summary>
    UnknownSighting,

    /// <summary>The sighting was already verified or rejected the other way.</summary>
    AlreadyReviewed,

    /// <summary>The case has never had this version (below 1 or above its current one).</summary>
    UnknownVersion,

    /// <summary>Going public needs the family's consent or a documented reason to publish without it.</summary>
    ConsentRequired,

    /// <summary>The requester may not approve their own request to publish.</summary>
    OwnRequest,

    /// <summary>No request to publish is waiting.</summary>
    NothingPending,

    /// <summary>A found child in a case of suspected trafficking needs a referral.</summary>
    ReferralRequired,

    /// <summary>The sighting named as the earlier one is not in this case (or is the same sighting).</summary>
    UnknownDuplicate,

    /// <summary>Another reporter's sighting already has this id.</summary>
    SightingIdTaken,
}
