using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// One map tile (key <c>z/x/y</c>): the subscribers in it, the zones touching it, and per case
/// whom it has alerted. Every call emits at most one alert batch, and returns once the batch is
/// on its way to the gateways rather than delivered; a tile's batches go out in order.
/// </summary>
[Alias("ew.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a case's zone: a <c>new</c> to matching subscribers not yet alerted for the case,
    /// an <c>update</c> to those already alerted. Returns how many got a <c>new</c>.
    /// </summary>
    [Alias("apply-zone")]
    Task<int> ApplyZone(ZoneSnapshot zone);

    /// <summary>How many subscribers here <paramref name="zone"/> would reach at its level; alerts no one.</summary>
    [Alias("count-reach")]
    Task<int> CountReach(ZoneSnapshot zone);

    /// <summary>Sends the one <c>cancel</c> to everyone this tile alerted for the case, and forgets the case.</summary>
    [Alias("end-case")]
    Task EndCase(ZoneSnapshot finalZone);

    /// <summary>
    /// Puts a subscriber in this tile (or moves it within), adopting the cases it was already
    /// alerted for elsewhere, and checks the active zones at once. Returns the adopted cases this
    /// tile holds no zone for, whose cases must learn of this tile to reach it with a cancel.
    /// </summary>
    [Alias("place")]
    Task<string[]> Place(RegionSubscriber subscriber, string[] alertedCases);

    /// <summary>
    /// Puts many new subscribers in this tile with one write (an import, a benchmark's seeding),
    /// each checked against the active zones as <see cref="Place"/> does.
    /// </summary>
    [Alias("place-many")]
    Task PlaceMany(RegionSubscriber[] subscribers);

    /// <summary>
    /// Moves subscribers this tile holds to new positions within it, checks the active zones at
    /// once as <see cref="Place"/> does, and stores the touched cells before answering: many
    /// position updates, one call and one write per cell. Returns the ids it did not move (not
    /// held here, a field team, or the new position lies in another tile): those go through
    /// their subscriber grain.
    /// </summary>
    [Alias("move-many")]
    Task<string[]> MoveMany(SubscriberMove[] moves);

    /// <summary>
    /// Notes whether a subscriber has a Web Push subscription, so this tile's batches name it as a
    /// push recipient; stored before it answers. False when the subscriber is not here.
    /// </summary>
    [Alias("set-push")]
    Task<bool> SetPush(string subscriberId, bool push);

    /// <summary>The subscriber as this tile holds it (its latest position), or null.</summary>
    [Alias("find")]
    Task<RegionSubscriber?> Find(string subscriberId);

    /// <summary>The cases this tile has alerted <paramref name="subscriberId"/> for (catch-up after a reconnect).</summary>
    [Alias("alerted-cases")]
    Task<string[]> AlertedCases(string subscriberId);

    /// <summary>Takes a subscriber out; returns the cases it was alerted for, to carry to its next tile.</summary>
    [Alias("remove")]
    Task<string[]> Remove(string subscriberId);
}
