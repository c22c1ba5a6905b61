namespace EarlyWarning.Grains.Cases;

/// <summary>The parts of a case a control-room delta may carry (<see cref="CaseChange"/>). Values are stored on the wire: never renumber them.</summary>
[Flags]
public enum CaseFields
{
    /// <summary>Nothing but the version.</summary>
    None = 0,

    /// <summary>Active or resolved.</summary>
    Status = 1,

    /// <summary>How it was resolved.</summary>
    Outcome = 2,

    /// <summary>Internal or public.</summary>
    Level = 4,

    /// <summary>The child's profile (a new photo, say).</summary>
    Child = 8,

    /// <summary>The zone: re-centred, grown materially, or an anchor retired.</summary>
    Zone = 16,

    /// <summary>Sightings already known that changed (a review); a new one goes as <c>sightingReported</c>.</summary>
    Sightings = 32,

    /// <summary>The dispatch figures.</summary>
    Stats = 64,

    /// <summary>Whether cancels are still being retried.</summary>
    CancelsPending = 128,

    /// <summary>Category, request to publish, resolution detail, referral.</summary>
    Safeguarding = 256,

    /// <summary>Everything: the first event of a case a gateway may know nothing of.</summary>
    All = Status | Outcome | Level | Child | Zone | Sightings | Stats | CancelsPending | Safeguarding,
}
