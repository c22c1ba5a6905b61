using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Grains.Cases;

/// <summary>How many subscribers a zone reaches, asked of the tiles the directory says it can reach.</summary>
internal static class CaseReach
{
    /// <summary>Asks every reachable tile at once how many it would alert; alerts no one.</summary>
    public static async Task<int> Count(IGrainFactory grains, RegionDirectory directory, ZoneSnapshot zone)
    {
        var tiles = await directory.Reachable(zone);
        return (await Task.WhenAll(tiles.Select(t => grains.GetGrain<IRegionGrain>(t).CountReach(zone)))).Sum();
    }
}
