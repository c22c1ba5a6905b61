using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Regions;

/// <inheritdoc cref="IRegionDirectoryGrain" />
public sealed class RegionDirectoryGrain(
    [PersistentState("region-directory", StorageNames.Default)] IPersistentState<RegionDirectoryState> state,
    IOptions<RegionOptions> options) : Grain, IRegionDirectoryGrain
{
    // Parsed once: a push asks about every registered tile of the shard.
    private readonly Dictionary<string, TileKey> _tiles = [];

    private TileKey _shard;

    private RegionDirectoryState S => state.State;

    private double MaxWatchRadiusKm => options.Value.MaxWatchRadiusKm;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shard = TileKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<string[][]> Publish(ZoneSnapshot[] zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var changed = false;
        var answers = new string[zones.Length][];
        for (var i = 0; i < zones.Length; i++)
        {
            var zone = zones[i];
            var circles = zone.ToZone().ShapingCircles;
            if (!TileCover.Touches(_shard, circles, MaxWatchRadiusKm))
            {
                // The zone has moved away (an anchor retired): no latecomer here may adopt it.
                changed |= S.Zones.Remove(zone.CaseId);
                answers[i] = [];
                continue;
            }

            var known = S.Zones.GetValueOrDefault(zone.CaseId);
            if (known is null || known.Version <= zone.Version)
            {
                S.Zones[zone.CaseId] = zone with { Child = null };
            }

            // Stored when a case first publishes here, not on every push: the state holds every
            // active zone of the shard, so a write per push costs all their zones each time. After
            // a restart a tile may adopt a case's first zone; its next push brings the latest.
            changed |= known is null;
            answers[i] = ReachableFrom(circles);
        }

        if (changed)
        {
            await state.WriteStateAsync();
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
            S.Tiles[tileKey] = Math.Max(known, radiusKm);
            await state.WriteStateAsync();
        }

        return [.. S.Zones.Values.Where(z => TileCover.Touches(tile, z.ToZone().ShapingCircles, S.Tiles[tileKey]))];
    }

    /// <inheritdoc />
    public async Task Forget(string caseId)
    {
        if (S.Zones.Remove(caseId))
        {
            await state.WriteStateAsync();
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
