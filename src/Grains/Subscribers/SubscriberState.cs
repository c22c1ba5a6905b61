namespace EarlyWarning.Grains.Subscribers;

/// <summary>The persisted state of a subscriber. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.subscriber-state")]
public sealed class SubscriberState
{
    /// <summary>Null when not subscribed (or unsubscribed: the position is erased with it).</summary>
    [Id(0)] public SubscriberProfile? Profile { get; set; }

    /// <summary>The region tile it is placed in, if it has a position.</summary>
    [Id(1)] public string? Tile { get; set; }

    /// <summary>Cases it was alerted for while it has no tile, handed to the next tile it enters.</summary>
    [Id(2)] public string[] AlertedCases { get; set; } = [];

    /// <summary>Its one Web Push subscription, as stored before <see cref="Pushes"/>; read into it, then cleared.</summary>
    [Id(3)] public PushSubscriptionRecord? Push { get; set; }

    /// <summary>When a field team's position was last placed (the control room tells a stale one apart); null for the public.</summary>
    [Id(4)] public DateTimeOffset? PositionAt { get; set; }

    /// <summary>Its Web Push subscriptions, one per phone (a field account may be signed in on several), oldest first; erased with the profile.</summary>
    [Id(5)] public PushSubscriptionRecord[] Pushes { get; set; } = [];

    /// <summary>
    /// Cases it carried into <see cref="Tile"/> whose zone never reached that tile, until each has
    /// taken note of the tile (its cancel must reach the subscriber there); told again by a reminder.
    /// </summary>
    [Id(6)] public string[] UntoldCases { get; set; } = [];
}
