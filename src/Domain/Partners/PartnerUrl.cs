using System.Net;

namespace EarlyWarning.Domain.Partners;

/// <summary>
/// Which webhook URLs a partner may register: absolute http or https, no user info or fragment, at
/// most <see cref="MaxLength"/> characters, and a host that is not this machine or its network
/// (loopback, a private, link-local or unique-local literal address, <c>localhost</c>) unless the
/// host is on the operators' allow-list. A name is checked again when it is resolved at send time
/// (a name may resolve to a private address later: DNS rebinding).
/// </summary>
public static class PartnerUrl
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <summary>Null when <paramref name="url"/> may be registered; otherwise why not.</summary>
    public static string? Refusal(string? url, IReadOnlyCollection<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        if (string.IsNullOrWhiteSpace(url))
        {
            return "'url' is required.";
        }

        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return $"'url' must be an absolute http or https URL of at most {MaxLength} characters, without user info or fragment.";
        }

        if (IsAllowedHost(uri.IdnHost, allowedHosts))
        {
            return null;
        }

        var host = uri.IdnHost.Trim('[', ']');
        var local = IPAddress.TryParse(host, out var literal)
            ? !PublicAddress.IsPublic(literal)
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        return local
            ? "'url' points at this machine or a private network; an operator must allow its host first (Partners:AllowedHosts)."
            : null;
    }

    /// <summary>Whether <paramref name="host"/> (a name or an address, IPv6 with or without brackets) is on the allow-list, in any case.</summary>
    public static bool IsAllowedHost(string host, IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        var bare = host.Trim('[', ']');
        return allowedHosts.Any(a => a.Trim().Trim('[', ']').Equals(bare, StringComparison.OrdinalIgnoreCase));
    }
}
