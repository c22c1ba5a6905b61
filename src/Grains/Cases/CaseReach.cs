using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Grains.Cases;

/// <summary>How many subscribers a zone reaches, asked of the tiles the directory says it can reach.</summary>
internal static class CaseReach
{
    /// <summary>Asks every reachable tile at once how many it would alert; alerts no one.</summary>
    public static async Task<int> Count(IGrainFactory grains, ZoneSnapshot zone)
    {
        var tiles = await grains.GetGrain<IRegionDirectoryGrain>(0).Reachable(zone);
        return (await Task.WhenAll(tiles.Select(t => grains.GetGrain<IRegionGrain>(t).CountReach(zone)))).Sum();
    }
}
