namespace EarlyWarning.Grains.Subscribers;

/// <summary>
/// One subscriber (key: subscriber id): its profile and the tile it sits in; moves itself between
/// regions. Moves within its tile may bypass it (<see cref="Regions.IRegionGrain.MoveMany"/>).
/// </summary>
[Alias("ew.ISubscriberGrain")]
public interface ISubscriberGrain : IGrainWithStringKey
{
    /// <summary>Subscribes, or replaces the profile; with a position, places it in its tile at once.</summary>
    [Alias("subscribe")]
    Task Subscribe(SubscriberProfile profile);

    /// <summary>Moves the subscriber; false when it is not subscribed.</summary>
    [Alias("update-location")]
    Task<bool> UpdateLocation(double lat, double lon);

    /// <summary>
    /// Opts in to exercises or out of them, keeping the profile and its latest position; false when
    /// not subscribed. One call, so an unsubscribe cannot fall between reading the profile and
    /// writing it back (which would store the erased position again).
    /// </summary>
    [Alias("set-exercises")]
    Task<bool> SetExercises(bool exercises);

    /// <summary>Unsubscribes and erases the position; false when it was not subscribed.</summary>
    [Alias("unsubscribe")]
    Task<bool> Unsubscribe();

    /// <summary>The cases this subscriber has been alerted for and not yet cancelled.</summary>
    [Alias("alerted-cases")]
    Task<string[]> GetAlertedCases();

    /// <summary>Whether the subscriber is subscribed: false once unsubscribed (a subscriber id is never reused).</summary>
    [Alias("is-subscribed")]
    Task<bool> IsSubscribed();

    /// <summary>
    /// Keeps a phone's Web Push subscription beside the subscriber's others (a field account may be
    /// signed in on several phones; at most <see cref="SubscriberGrain.MaxPushSubscriptions"/>, the
    /// oldest dropped), in place of one with the same endpoint; with null, forgets them all. Tells
    /// its tile, so batches name it as a push recipient. False when it is not subscribed.
    /// </summary>
    [Alias("set-push")]
    Task<bool> SetPush(PushSubscriptionRecord? push);

    /// <summary>The newest Web Push subscription, or null.</summary>
    [Alias("get-push")]
    Task<PushSubscriptionRecord?> GetPush();

    /// <summary>Every Web Push subscription, oldest first (none: empty).</summary>
    [Alias("get-pushes")]
    Task<PushSubscriptionRecord[]> GetPushes();

    /// <summary>
    /// Forgets the Web Push subscription of <paramref name="endpoint"/> only, if it is still kept:
    /// its phone turned pushes off, or its push service said it is gone (404/410); the subscriber's
    /// other phones go on. False when it is not subscribed.
    /// </summary>
    [Alias("remove-push")]
    Task<bool> RemovePush(string endpoint);

    /// <summary>A field team's last position and when it was placed; null for the public, or without a position.</summary>
    [Alias("get-field-position")]
    Task<FieldTeamPosition?> GetFieldPosition();

    /// <summary>The profile with the latest position its tile holds, or null when not subscribed.</summary>
    [Alias("get")]
    Task<SubscriberProfile?> GetProfile();
}
