namespace EarlyWarning.Grains.Regions;

/// <summary>
/// A region directory shard's registered tiles, as a silo's zone ticker keeps a copy of them
/// (<see cref="IRegionDirectoryGrain.Tiles"/>): every tile holding subscribers, with the largest
/// watch radius among them (km). <paramref name="Stamp"/> changes whenever a tile registers or
/// watches farther (and when the shard activates again), so an unchanged copy costs no transfer.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.shard-tiles")]
public sealed record ShardTiles(string Stamp, string[] Keys, double[] WatchKm);
