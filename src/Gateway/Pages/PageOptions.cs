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

    /// <summary>
    /// Hosts a case's <c>child.photoUrl</c> may point at (https only), e.g. the police's own image
    /// server. Every alerted phone loads the photo from there, so that host sees each phone's
    /// address: empty by default, which refuses every photo URL.
    /// </summary>
    public string[] PhotoHosts { get; set; } = [];
}
