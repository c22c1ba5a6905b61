using System.Collections.Concurrent;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// A silo's copy of the registered tiles of the region directory shards its active cases reach
/// (<see cref="IRegionDirectoryGrain.Tiles"/>), refreshed once per zone tick with a call per shard
/// that answers nothing while they are unchanged. The zone ticker works out which tiles a grown
/// zone reaches from it, instead of publishing every growth to every shard the zone spans.
/// </summary>
public sealed class ShardMirror(RegionDirectory directory)
{
    private readonly ConcurrentDictionary<string, Copy> _copies = new();
    private long _version;

    /// <summary>Moves whenever a copy is replaced or dropped: a measure taken at the same version needs no look at the stamps.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Brings the copies of <paramref name="shardKeys"/> up to date; a shard that does not answer has none until it does.</summary>
    public Task Refresh(IEnumerable<string> shardKeys) =>
        Task.WhenAll(shardKeys.Select(async key =>
        {
            var known = _copies.GetValueOrDefault(key);
            try
            {
                if (await directory.Shard(key).Tiles(known?.Stamp) is { } tiles)
                {
                    _copies[key] = new Copy(tiles.Stamp, tiles.Keys, [.. tiles.Keys.Select(TileKey.Parse)], tiles.WatchKm);
                    Interlocked.Increment(ref _version);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Without a copy the ticker publishes to the shard, as a case's own push does.
                if (_copies.TryRemove(key, out _))
                {
                    Interlocked.Increment(ref _version);
                }
            }
        }));

    /// <summary>The copy of the shard <paramref name="shardKey"/>'s tiles, if this silo has one.</summary>
    public Copy? Of(string shardKey) => _copies.GetValueOrDefault(shardKey);

    /// <summary>One shard's registered tiles: grain keys, parsed, and their watch radii (km), index by index.</summary>
    /// <param name="Stamp">Changes with the tiles: a measure taken against another stamp is out of date.</param>
    /// <param name="Keys">The tiles' grain keys.</param>
    /// <param name="Tiles">The same tiles, parsed.</param>
    /// <param name="WatchKm">How far each watches.</param>
    public sealed record Copy(string Stamp, string[] Keys, TileKey[] Tiles, double[] WatchKm);
}
