using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Grains.Cases;

/// <summary>Which tiles a zone can reach, and how many subscribers it reaches there.</summary>
internal static class CaseReach
{
    /// <summary>Every tile holding a point within the zone's circles plus the largest watch radius.</summary>
    public static HashSet<string> Tiles(ZoneSnapshot zone, RegionOptions regions) =>
        TileCover.Tiles(zone.ToZone().Circles, regions.MaxWatchRadiusKm, regions.TileZoom)
            .Select(t => t.ToGrainKey())
            .ToHashSet();

    /// <summary>Asks every reachable tile at once how many it would alert; alerts no one.</summary>
    public static async Task<int> Count(IGrainFactory grains, ZoneSnapshot zone, RegionOptions regions) =>
        (await Task.WhenAll(Tiles(zone, regions).Select(t => grains.GetGrain<IRegionGrain>(t).CountReach(zone)))).Sum();
}
