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

    /// <summary>Unsubscribes and erases the position; false when it was not subscribed.</summary>
    [Alias("unsubscribe")]
    Task<bool> Unsubscribe();

    /// <summary>The cases this subscriber has been alerted for and not yet cancelled.</summary>
    [Alias("alerted-cases")]
    Task<string[]> GetAlertedCases();

    /// <summary>Whether the subscriber is subscribed: false once unsubscribed (a subscriber id is never reused).</summary>
    [Alias("is-subscribed")]
    Task<bool> IsSubscribed();

    /// <summary>The profile with the latest position its tile holds, or null when not subscribed.</summary>
    [Alias("get")]
    Task<SubscriberProfile?> GetProfile();
}
