using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Regions;

/// <summary>The persisted state of the region directory. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.region-directory-state")]
public sealed class RegionDirectoryState
{
    /// <summary>Tiles holding subscribers (grain key), with the largest watch radius among them (km).</summary>
    [Id(0)] public Dictionary<string, double> Tiles { get; set; } = [];

    /// <summary>The last published zone of every active case, by case id.</summary>
    [Id(1)] public Dictionary<string, ZoneSnapshot> Zones { get; set; } = [];
}
