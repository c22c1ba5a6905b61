using EarlyWarning.Gateway.Pages;

namespace EarlyWarning.Gateway.CasePages;

/// <summary>
/// The address of a case's public page, for links people share, the page's own Open Graph tags
/// and partner payloads (a CAP <c>web</c> field). <see cref="PageOptions.PublicBaseUrl"/> when set,
/// since a gateway behind a proxy may not know the name the public reaches it by; else the
/// request's own scheme and host.
/// </summary>
public static class CasePageUrls
{
    /// <summary>The page's path: <c>/c/{caseId}</c>.</summary>
    public static string PathFor(string caseId) => $"/c/{Uri.EscapeDataString(caseId)}";

    /// <summary>The public base URL (no trailing slash): the configured one, or the request's.</summary>
    public static string BaseUrl(PageOptions options, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.PublicBaseUrl.Trim().TrimEnd('/');
    }

    /// <summary>The absolute URL of the case's page, e.g. for CAP's <c>web</c>.</summary>
    public static string For(PageOptions options, HttpRequest request, string caseId) => BaseUrl(options, request) + PathFor(caseId);

    /// <summary>An absolute URL from a gateway-relative one (<c>/api/photos/p-…</c>); an absolute one is kept.</summary>
    public static string Absolute(string baseUrl, string url) =>
        url.StartsWith('/') ? baseUrl + url : url;
}
