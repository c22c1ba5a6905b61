using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Regions;

/// <summary>The persisted state of a region tile. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.region-state")]
public sealed class RegionState
{
    /// <summary>The active zones touching the tile, by case id.</summary>
    [Id(1)] public Dictionary<string, ZoneSnapshot> Zones { get; set; } = [];

    /// <summary>Per case, the subscribers here that had their <c>new</c>.</summary>
    [Id(2)] public Dictionary<string, HashSet<string>> Alerted { get; set; } = [];

    /// <summary>
    /// Per case, the subscribers here whose <c>new</c> is in <see cref="Alerted"/> but whose batch no
    /// gateway sink has confirmed yet: stored with the ledger, cleared (and stored) once a sink takes the batch.
    /// If the tile's silo dies in between, the zone's next push sends them <c>new</c> again, not an
    /// <c>update</c> for an alert they never had.
    /// </summary>
    [Id(3)] public Dictionary<string, HashSet<string>> Unconfirmed { get; set; } = [];
}
