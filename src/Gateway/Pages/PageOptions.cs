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

    /// <summary>
    /// The address the public reaches the pages by (<c>https://alerts.example.mk</c>), for the links
    /// a case page gives out (its Open Graph tags) and partner payloads. Empty: each request's own
    /// scheme and host.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>True when <see cref="PublicBaseUrl"/> is empty or an absolute http(s) URL with no query or fragment.</summary>
    public bool HasValidPublicBaseUrl() =>
        string.IsNullOrWhiteSpace(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.Query.Length == 0 && uri.Fragment.Length == 0);
}
