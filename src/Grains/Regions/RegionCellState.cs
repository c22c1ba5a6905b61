namespace EarlyWarning.Grains.Regions;

/// <summary>The subscribers of one grid cell of a tile, stored on their own. Ids are stable.</summary>
[GenerateSerializer, Alias("ew.region-cell-state")]
public sealed class RegionCellState
{
    /// <summary>The subscribers whose position falls in the cell.</summary>
    [Id(0)] public List<RegionSubscriber> Subscribers { get; set; } = [];
}
