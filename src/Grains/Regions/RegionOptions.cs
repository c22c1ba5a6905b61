namespace EarlyWarning.Grains.Regions;

/// <summary>The tiling regions use.</summary>
public sealed class RegionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Regions";

    /// <summary>Slippy-map zoom of region tiles (10–12: about 30 to 7 km across at 42° N).</summary>
    public int TileZoom { get; set; } = 11;

    /// <summary>
    /// The largest watch radius any subscriber may have, in km. A case tells every tile within its
    /// zone plus this reach, so no subscriber within its radius is missed.
    /// </summary>
    public double MaxWatchRadiusKm { get; set; } = 100;
}
