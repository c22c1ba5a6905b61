using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace EarlyWarning.Grains.Regions;

/// <inheritdoc cref="IRegionDirectoryGrain" />
public sealed class RegionDirectoryGrain(
    [PersistentState("region-directory", StorageNames.Default)] IPersistentState<RegionDirectoryState> state,
    IOptions<RegionOptions> options,
    IOptions<ZonePolicy> zonePolicy,
    [FromKeyedServices(Clock.Key)] TimeProvider clock) : Grain, IRegionDirectoryGrain
{
    // Parsed once: a push asks about every registered tile of the shard.
    private readonly Dictionary<string, TileKey> _tiles = [];

    // This activation's, so a copy of the tiles taken from an earlier one is never thought current.
    private readonly string _activation = Guid.NewGuid().ToString("N");

    // Counts the changes to the registered tiles; with the activation, the stamp of Tiles.
    private long _tileChanges;

    // The last answer to Tiles, until the tiles change.
    private ShardTiles? _tileCopy;

    private TileKey _shard;

    // The zones, stored in buckets by case id (a first publish rewrites one bucket, not the shard's every zone).
    private BucketedRecords<ZoneSnapshot> _zones = null!;

    private RegionDirectoryState S => state.State;

    private double MaxWatchRadiusKm => options.Value.MaxWatchRadiusKm;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shard = TileKey.Parse(this.GetPrimaryKeyString());
        _zones = new BucketedRecords<ZoneSnapshot>(
            ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default), this.GetGrainId(), "region-directory-zones");
        await _zones.Load();
        if (S.Zones.Count > 0)
        {
            // Stored with the tiles by an earlier version: moved into the buckets (a zone already there is newer).
            foreach (var (caseId, zone) in S.Zones.Where(z => _zones.GetValueOrDefault(z.Key) is null))
            {
                _zones.Set(caseId, zone);
            }

            await _zones.Write(S.Zones.Keys);
            S.Zones.Clear();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<string[][]> Publish(ZoneSnapshot[] zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var unstored = new List<(string CaseId, ZoneSnapshot? Before)>();
        var answers = new string[zones.Length][];
        for (var i = 0; i < zones.Length; i++)
        {
            var zone = zones[i];
            var circles = zone.ToZone().ShapingCircles;
            var known = _zones.GetValueOrDefault(zone.CaseId);
            if (!TileCover.Touches(_shard, circles, MaxWatchRadiusKm))
            {
                // The zone has moved away (an anchor retired): no latecomer here may adopt it.
                if (_zones.Remove(zone.CaseId))
                {
                    unstored.Add((zone.CaseId, known));
                }

                answers[i] = [];
                continue;
            }

            if (known is null || known.Version <= zone.Version)
            {
                _zones.Set(zone.CaseId, zone with { Child = null });
            }

            // Stored when a case first publishes here and when its anchors change, not as it grows:
            // a latecomer gets the stored zone grown to its time (GrownTo), restart or not.
            if (known is null || (known.Version < zone.Version && !known.GrowsLike(zone)))
            {
                unstored.Add((zone.CaseId, known));
            }

            answers[i] = ReachableFrom(circles);
        }

        if (unstored.Count > 0)
        {
            try
            {
                await _zones.Write(unstored.Select(u => u.CaseId));
            }
            catch
            {
                // The caller's retry finds the change still to make (and makes the write).
                foreach (var (caseId, before) in unstored)
                {
                    Restore(caseId, before);
                }

                throw;
            }
        }

        return answers;
    }

    /// <inheritdoc />
    public Task<string[]> Reachable(ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Task.FromResult(ReachableFrom(zone.ToZone().ShapingCircles));
    }

    /// <inheritdoc />
    public async Task<ZoneSnapshot[]> Register(string tileKey, double maxWatchRadiusKm)
    {
        ArgumentException.ThrowIfNullOrEmpty(tileKey);
        var tile = Parsed(tileKey);
        if (DirectoryShards.ShardOf(tile, _shard.Zoom) != _shard)
        {
            // A tile registered elsewhere than where zones reaching it are published would miss them.
            throw new ArgumentException($"Tile {tileKey} does not belong to directory shard {_shard}.", nameof(tileKey));
        }

        // Zones are published with MaxWatchRadiusKm of reach: a tile watching farther is matched within that.
        var radiusKm = Math.Min(maxWatchRadiusKm, MaxWatchRadiusKm);
        if (!S.Tiles.TryGetValue(tileKey, out var known) || known < radiusKm)
        {
            var registered = S.Tiles.ContainsKey(tileKey);
            S.Tiles[tileKey] = Math.Max(known, radiusKm);
            _tileChanges++;
            _tileCopy = null;
            await Store(() =>
            {
                if (registered)
                {
                    S.Tiles[tileKey] = known;
                }
                else
                {
                    S.Tiles.Remove(tileKey);
                }
            });
        }

        // Growth is not published (the tickers keep to the clock): each zone as it is by now.
        var now = clock.GetUtcNow();
        return [.. _zones.Values
            .Select(z => z.GrownTo(zonePolicy.Value, now))
            .Where(z => TileCover.Touches(tile, z.ToZone().ShapingCircles, S.Tiles[tileKey]))];
    }

    /// <inheritdoc />
    public Task<ShardTiles?> Tiles(string? knownStamp)
    {
        var stamp = $"{_activation}:{_tileChanges}";
        if (knownStamp == stamp)
        {
            return Task.FromResult<ShardTiles?>(null);
        }

        _tileCopy ??= new ShardTiles(stamp, [.. S.Tiles.Keys], [.. S.Tiles.Values]);
        return Task.FromResult<ShardTiles?>(_tileCopy);
    }

    /// <inheritdoc />
    public async Task Forget(string caseId)
    {
        if (_zones.GetValueOrDefault(caseId) is not { } zone)
        {
            return;
        }

        _zones.Remove(caseId);
        try
        {
            await _zones.Write([caseId]);
        }
        catch
        {
            _zones.Set(caseId, zone);
            throw;
        }
    }

    /// <summary>
    /// Writes the state; when the write fails, <paramref name="undo"/> puts back what it held, so
    /// the caller's retry finds the change still to make (and makes the write) instead of a state
    /// that only memory holds.
    /// </summary>
    private async Task Store(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }

    private void Restore(string caseId, ZoneSnapshot? before)
    {
        if (before is null)
        {
            _zones.Remove(caseId);
        }
        else
        {
            _zones.Set(caseId, before);
        }
    }

    private string[] ReachableFrom(IReadOnlyList<GeoCircle> circles)
    {
        var reachable = new List<string>();
        foreach (var (key, maxWatchKm) in S.Tiles)
        {
            if (TileCover.Touches(Parsed(key), circles, maxWatchKm))
            {
                reachable.Add(key);
            }
        }

        return [.. reachable];
    }

    private TileKey Parsed(string key)
    {
        if (!_tiles.TryGetValue(key, out var tile))
        {
            _tiles[key] = tile = TileKey.Parse(key);
        }

        return tile;
    }
}
