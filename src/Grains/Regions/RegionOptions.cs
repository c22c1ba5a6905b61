namespace EarlyWarning.Grains.Regions;

/// <summary>The tiling regions use.</summary>
public sealed class RegionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Regions";

    /// <summary>Slippy-map zoom of region tiles (10–12: about 30 to 7 km across at 42° N).</summary>
    public int TileZoom { get; set; } = 11;

    /// <summary>
    /// Slippy-map zoom of the region directory's shards (a parent of the region tiles; at most
    /// <see cref="TileZoom"/>). Zoom 7 is ~230 km across at 42° N: a zone plus the
    /// <see cref="MaxWatchRadiusKm"/> every shard must be told about spans one to four of them, so
    /// smaller shards would add calls to every push without taking work off any shard, and larger
    /// ones would put a whole country behind one activation.
    /// </summary>
    public int DirectoryZoom { get; set; } = 7;

    /// <summary>
    /// The largest watch radius any subscriber may have, in km: a tile keeps an active zone this
    /// far away, for subscribers who arrive later watching that far.
    /// </summary>
    public double MaxWatchRadiusKm { get; set; } = 100;

    /// <summary>
    /// How long a move within a tile may wait before the tile stores it (the subscriber's own
    /// record stores it at once); moves arriving meanwhile share the write.
    /// </summary>
    public TimeSpan FlushDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most recipients in one batch to a gateway sink: a tile with more sends its version in
    /// several, each through a sink of its own, all at once. A town of 95 722 subscribers in one
    /// tile was one batch of ~5 MB, which a loaded gateway took longer than
    /// <c>Dispatch:DeliveryTimeout</c> to relay: the silo offered it to the next gateway, and the
    /// next, and every gateway read and decoded each copy.
    /// </summary>
    public int MaxBatchRecipients { get; set; } = 4_096;
}
