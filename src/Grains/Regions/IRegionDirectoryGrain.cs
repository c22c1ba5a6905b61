using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// One shard of the region directory (key: a tile <c>z/x/y</c> at <see cref="RegionOptions.DirectoryZoom"/>):
/// which of its tiles hold subscribers and how far the farthest-watching of them looks, and the
/// zone of every active case that may reach one of them. Cases ask the shards their zone reaches
/// (<see cref="RegionDirectory"/>) which tiles it can reach, so a push contacts those alone; a
/// tile that comes within reach of more (its first subscriber, a longer watch radius) learns the
/// active zones from its own shard at once, grown to the time it asks (a zone grows by the clock
/// alone: the silos' zone tickers do not publish growth, but keep a copy of each shard's tiles,
/// <see cref="Tiles"/>, and hand a case to itself when its growth reaches one of them). Calls to
/// one shard are serialised, and every zone that can reach a tile is published to that tile's
/// shard, so a tile registering and a zone being published can never miss each other. Zones are
/// kept without the child: a zone needs no personal data to be matched.
/// </summary>
[Alias("ew.IRegionDirectoryGrain")]
public interface IRegionDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records each zone as the one latecomers must know (or drops it, when it no longer reaches
    /// this shard), and answers, zone by zone, the tiles of this shard it can reach.
    /// </summary>
    [Alias("publish")]
    Task<string[][]> Publish(ZoneSnapshot[] zones);

    /// <summary>The tiles of this shard <paramref name="zone"/> can reach; records nothing.</summary>
    [Alias("reachable")]
    Task<string[]> Reachable(ZoneSnapshot zone);

    /// <summary>
    /// A tile of this shard now watches as far as <paramref name="maxWatchRadiusKm"/> (at most
    /// <see cref="RegionOptions.MaxWatchRadiusKm"/>, the reach every zone is published with):
    /// remembered (it never shrinks), and answered with the active zones that reach it as they are
    /// now (grown since their publishing), without child.
    /// </summary>
    [Alias("register")]
    Task<ZoneSnapshot[]> Register(string tileKey, double maxWatchRadiusKm);

    /// <summary>
    /// The shard's registered tiles and their watch radii; null when they are still those of
    /// <paramref name="knownStamp"/> (the stamp of an earlier answer).
    /// </summary>
    [Alias("tiles")]
    Task<ShardTiles?> Tiles(string? knownStamp);

    /// <summary>The case has ended: its zone reaches no latecomer any more.</summary>
    [Alias("forget")]
    Task Forget(string caseId);
}
