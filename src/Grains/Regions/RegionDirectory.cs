using System.Collections.Concurrent;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// The silo's way to the sharded region directory (<see cref="IRegionDirectoryGrain"/>, one grain
/// per tile at <see cref="RegionOptions.DirectoryZoom"/>): which shard a tile registers with, which
/// shards a zone is published to, and the publishing itself. Publishes to one shard are batched:
/// one call in flight per shard, the next taking every zone that queued meanwhile (a zone tick of
/// 1 000 cases is a handful of calls, not a call per case and shard); an idle silo sends at once.
/// </summary>
public sealed class RegionDirectory(IGrainFactory grains, IOptions<RegionOptions> options)
{
    private readonly ConcurrentDictionary<string, IRegionDirectoryGrain> _shards = new();
    private readonly ConcurrentDictionary<string, BatchedCalls<ZoneSnapshot, string[]>> _queues = new();
    private readonly ConcurrentDictionary<TileKey, string> _keys = new();

    /// <summary>The shard grain <paramref name="shardKey"/> (reference cached: resolving one reflects over the interface each time).</summary>
    public IRegionDirectoryGrain Shard(string shardKey) =>
        _shards.GetOrAdd(shardKey, key => grains.GetGrain<IRegionDirectoryGrain>(key));

    /// <summary>The shard <paramref name="tile"/> registers with.</summary>
    public IRegionDirectoryGrain ShardOf(TileKey tile) =>
        Shard(DirectoryShards.ShardOf(tile, options.Value.DirectoryZoom).ToGrainKey());

    /// <summary>The keys of every shard <paramref name="zone"/> may reach a tile of (its radius plus the largest watch radius).</summary>
    public IReadOnlySet<string> ShardsFor(ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return ShardsFor(zone.ToZone().ShapingCircles);
    }

    /// <summary>The keys of every shard <paramref name="circles"/> may reach a tile of.</summary>
    public IReadOnlySet<string> ShardsFor(IEnumerable<GeoCircle> circles)
    {
        var shards = DirectoryShards.Reached(circles, options.Value.MaxWatchRadiusKm, options.Value.DirectoryZoom);
        var keys = new HashSet<string>(shards.Count);
        foreach (var shard in shards)
        {
            // A zone tick asks this of every active case: the key of a shard is formatted once.
            keys.Add(_keys.GetOrAdd(shard, s => s.ToGrainKey()));
        }

        return keys;
    }

    /// <summary>
    /// The shards <paramref name="circles"/> reach when they reach none beyond those of
    /// <paramref name="horizons"/> (which are then answered as they are, without covering the
    /// circles again); else all they reach. <paramref name="horizons"/> is replaced when its shards
    /// are not <paramref name="known"/>.
    /// </summary>
    internal IReadOnlySet<string> ShardsFor(IReadOnlyList<GeoCircle> circles, IReadOnlySet<string> known, ref ShardHorizons? horizons)
    {
        if (horizons is null || !ReferenceEquals(horizons.Shards, known))
        {
            horizons = new ShardHorizons(known);
        }

        return horizons.Hold(circles, options.Value.MaxWatchRadiusKm) ? known : ShardsFor(circles);
    }

    /// <summary>The tiles <paramref name="zone"/> can reach, from every shard it reaches; records nothing.</summary>
    public async Task<string[]> Reachable(ZoneSnapshot zone)
    {
        var answers = await Task.WhenAll(ShardsFor(zone).Select(s => Shard(s).Reachable(zone)));
        return [.. answers.SelectMany(a => a).Distinct()];
    }

    /// <summary>
    /// Publishes <paramref name="zone"/> to the shard <paramref name="shardKey"/> with whatever else
    /// is queued for it, and answers with the tiles of that shard it can reach.
    /// </summary>
    public Task<string[]> Publish(string shardKey, ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var queue = _queues.GetOrAdd(shardKey, key => new BatchedCalls<ZoneSnapshot, string[]>(zones => Shard(key).Publish(zones)));
        return queue.Send(zone);
    }
}
