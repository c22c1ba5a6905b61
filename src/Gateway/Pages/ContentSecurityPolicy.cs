using System.Text.RegularExpressions;

namespace EarlyWarning.Gateway.Pages;

/// <summary>
/// The gateway's Content-Security-Policy. The pages run only their own bundled scripts and
/// styles (no inline script or style anywhere, so nothing needs <c>'unsafe-inline'</c>); images
/// come from the gateway, <c>data:</c>/<c>blob:</c>, the configured tile server and the configured
/// photo hosts; the hub and the API are the same origin (<c>connect-src 'self'</c> covers the
/// same-origin WebSocket in CSP Level 3 browsers). The Scalar API page at <c>/scalar</c> is a
/// third-party bundle that injects inline styles and an inline start-up script, so it gets the
/// same policy with those two allowed, and nothing else.
/// </summary>
public sealed partial class ContentSecurityPolicy
{
    /// <summary>The policy of the pages, their bundles and the API.</summary>
    public string Strict { get; }

    /// <summary>The policy of the Scalar API page.</summary>
    public string ApiReference { get; }

    public ContentSecurityPolicy(string? tileUrl, IEnumerable<string>? photoHosts)
    {
        var images = new List<string> { "'self'", "data:", "blob:" };
        if (SourceOf(tileUrl) is { } tiles)
        {
            images.Add(tiles);
        }

        images.AddRange((photoHosts ?? []).Select(SourceOf).OfType<string>());
        var img = string.Join(' ', images.Distinct(StringComparer.OrdinalIgnoreCase));
        const string Common = "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        Strict = $"default-src 'self'; script-src 'self'; style-src 'self'; img-src {img}; connect-src 'self'; {Common}";
        ApiReference = $"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src {img}; font-src 'self' data:; connect-src 'self'; {Common}";
    }

    /// <summary>
    /// The CSP source of a URL (template) or host: <c>https://tiles.example.org/{z}/{x}/{y}.png</c>
    /// → <c>https://tiles.example.org</c>, <c>https://{s}.tiles.example.org/…</c> →
    /// <c>https://*.tiles.example.org</c>, a bare host → <c>https://host</c>. Anything that is not
    /// a plain http(s) host is left out rather than written into the header.
    /// </summary>
    public static string? SourceOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var text = url.Trim();
        var scheme = "https";
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = text[..separator].ToLowerInvariant();
            text = text[(separator + 3)..];
        }

        var end = text.IndexOfAny(['/', '?', '#']);
        var authority = (end >= 0 ? text[..end] : text).Replace("{s}.", "*.", StringComparison.Ordinal).ToLowerInvariant();
        return scheme is "http" or "https" && Authority().IsMatch(authority) ? $"{scheme}://{authority}" : null;
    }

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$")]
    private static partial Regex Authority();
}
