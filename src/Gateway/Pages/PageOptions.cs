namespace EarlyWarning.Gateway.Pages;

/// <summary>Settings of the three pages (section <c>Pages</c>).</summary>
public sealed class PageOptions
{
    public const string Section = "Pages";

    /// <summary>
    /// Base-map tile URL template (<c>{z}/{x}/{y}</c>), or empty for none. Without network the
    /// pages fall back to the bundled outline of the country and its towns either way.
    /// </summary>
    public string TileUrl { get; set; } = "";

    /// <summary>Attribution the tile provider requires, shown in the map's corner.</summary>
    public string TileAttribution { get; set; } = "";
}
