namespace EarlyWarning.Domain.Alerts;

/// <summary>The three alerts a subscriber gets for a case, in this order.</summary>
public enum AlertKind
{
    /// <summary>The first alert a subscriber gets for a case: exactly once.</summary>
    New,

    /// <summary>The zone moved or grew, or the case changed, after a <see cref="New"/>.</summary>
    Update,

    /// <summary>The case is resolved: exactly once, to everyone who got a <see cref="New"/>.</summary>
    Cancel,
}
