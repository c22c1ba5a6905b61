using System.Collections.Concurrent;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Regions;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Subscribers;

/// <summary>
/// Sends a public subscriber's position update straight to the tile of the new position, batched
/// with the other updates for that tile (<see cref="TileMoveQueue"/>). A move within the tile the
/// subscriber is in ends there, in one call shared by many; any other (a first position, a tile
/// crossing, a field team) is refused by the tile and goes through the subscriber's grain.
/// </summary>
public sealed class TileMoves(IGrainFactory grains, IOptions<RegionOptions> regions)
{
    /// <summary>Tiles whose references are kept; past it (positions all over the world) references are made per burst.</summary>
    private const int MaxKnownTiles = 4096;

    private readonly ConcurrentDictionary<TileKey, TileMoveQueue> _queues = new();

    // A grain reference costs an allocation-heavy activation per GetGrain; a tile's is made once.
    private readonly ConcurrentDictionary<TileKey, IRegionGrain> _tiles = new();

    /// <summary>True when the subscriber's tile moved it (and stored the move); false when it is not held there.</summary>
    public Task<bool> Move(string subscriberId, double lat, double lon)
    {
        var tile = TileKey.FromPoint(new GeoPoint(lat, lon), regions.Value.TileZoom);
        var move = new SubscriberMove(subscriberId, lat, lon);
        while (true)
        {
            var queue = _queues.GetOrAdd(tile, key => new TileMoveQueue(Tile(key), Retire));
            if (queue.Enqueue(move) is { } moved)
            {
                return moved;
            }

            // That queue emptied and retired just now (its own removal may not have run yet): the next one takes the move.
            Retire(queue);
        }

        void Retire(TileMoveQueue queue) => _queues.TryRemove(new KeyValuePair<TileKey, TileMoveQueue>(tile, queue));
    }

    private IRegionGrain Tile(TileKey key)
    {
        if (_tiles.TryGetValue(key, out var known))
        {
            return known;
        }

        var tile = grains.GetGrain<IRegionGrain>(key.ToGrainKey());
        return _tiles.Count < MaxKnownTiles ? _tiles.GetOrAdd(key, tile) : tile;
    }
}
