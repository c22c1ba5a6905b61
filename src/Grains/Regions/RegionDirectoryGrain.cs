using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Regions;

/// <inheritdoc cref="IRegionDirectoryGrain" />
public sealed class RegionDirectoryGrain(
    [PersistentState("region-directory", StorageNames.Default)] IPersistentState<RegionDirectoryState> state) : Grain, IRegionDirectoryGrain
{
    // Parsed once: a push asks about every registered tile.
    private readonly Dictionary<string, TileKey> _tiles = [];

    private RegionDirectoryState S => state.State;

    /// <inheritdoc />
    public async Task<string[]> Publish(ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var known = S.Zones.GetValueOrDefault(zone.CaseId);
        if (known is null || known.Version <= zone.Version)
        {
            S.Zones[zone.CaseId] = zone;
        }

        // Stored when a case first publishes, not on every push: the state holds every active
        // zone, so a write per push costs all cases' zones each time (1 000 cases: seconds a tick).
        // After a restart a tile may adopt a case's first zone; its next push brings the latest.
        if (known is null)
        {
            await state.WriteStateAsync();
        }

        return ReachableFrom(zone.ToZone());
    }

    /// <inheritdoc />
    public Task<string[]> Reachable(ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Task.FromResult(ReachableFrom(zone.ToZone()));
    }

    /// <inheritdoc />
    public async Task<ZoneSnapshot[]> Register(string tileKey, double maxWatchRadiusKm)
    {
        ArgumentException.ThrowIfNullOrEmpty(tileKey);
        if (!S.Tiles.TryGetValue(tileKey, out var known) || known < maxWatchRadiusKm)
        {
            S.Tiles[tileKey] = Math.Max(known, maxWatchRadiusKm);
            await state.WriteStateAsync();
        }

        var tile = Parsed(tileKey);
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

    private string[] ReachableFrom(Zone zone)
    {
        var reachable = new List<string>();
        foreach (var (key, maxWatchKm) in S.Tiles)
        {
            if (TileCover.Touches(Parsed(key), zone.ShapingCircles, maxWatchKm))
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
