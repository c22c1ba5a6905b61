using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Regions;

/// <summary>The persisted state of one region directory shard. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.region-directory-state")]
public sealed class RegionDirectoryState
{
    /// <summary>Tiles of the shard holding subscribers (grain key), with the largest watch radius among them (km).</summary>
    [Id(0)] public Dictionary<string, double> Tiles { get; set; } = [];

    /// <summary>
    /// Where an earlier version stored the zones; now moved on activation into their own buckets
    /// (<c>region-directory-zones-N</c>: the zone of every active case that may reach the shard, by
    /// case id, without the child) and left empty.
    /// </summary>
    [Id(1)] public Dictionary<string, ZoneSnapshot> Zones { get; set; } = [];
}
