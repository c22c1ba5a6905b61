using System.Net;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// Decides whether a subscription's endpoint may be called: absolute https, no user info, and a
/// host on <see cref="PushOptions.AllowedHosts"/>. A name entry (<c>fcm.googleapis.com</c>) or a
/// suffix entry (<c>*.notify.windows.com</c>, names under it, not itself) allows port 443 only;
/// an IP address, <c>localhost</c> or any other port needs its exact <c>host:port</c> listed. So a
/// subscription cannot point the gateway at its own network (a private address, a Redis port).
/// </summary>
public sealed class PushEndpointPolicy
{
    private const int MaxEndpointLength = 2048;
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly HashSet<string> _hostPorts = new(StringComparer.OrdinalIgnoreCase);

    public PushEndpointPolicy(IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        foreach (var raw in allowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0))
        {
            if (raw.StartsWith("*.", StringComparison.Ordinal))
            {
                _suffixes.Add(raw[1..]);
            }
            else if (Uri.TryCreate("https://" + raw, UriKind.Absolute, out var uri) && !uri.IsDefaultPort)
            {
                _hostPorts.Add(HostPort(uri));
            }
            else
            {
                _names.Add(raw);
            }
        }
    }

    /// <summary>Null when the endpoint may be called; otherwise why not, for the client.</summary>
    public string? Refusal(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return "'endpoint' is required.";
        }

        if (endpoint.Length > MaxEndpointLength
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.UserInfo)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            return $"'endpoint' must be an absolute https URL of at most {MaxEndpointLength} characters.";
        }

        return IsAllowed(uri) ? null : "'endpoint' is not on a push service this gateway may call (Push:AllowedHosts).";
    }

    private bool IsAllowed(Uri uri)
    {
        // An exact host:port entry is an operator's deliberate choice, whatever the host is.
        if (_hostPorts.Contains(HostPort(uri)))
        {
            return true;
        }

        var host = uri.IdnHost;
        if (!uri.IsDefaultPort || uri.HostNameType != UriHostNameType.Dns || IPAddress.TryParse(host, out _)
            || host.EndsWith('.') || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return _names.Contains(host)
            || _suffixes.Exists(suffix => host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether <paramref name="host"/>:<paramref name="port"/> is an exact entry of the list, i.e. an
    /// operator allowed that address deliberately (the tests' loopback push service): the connect-time
    /// check of <see cref="PushConnectGuard"/> lets such a host reach a non-public address.
    /// </summary>
    public bool IsListedExactly(string host, int port) => _hostPorts.Contains($"{host}:{port}");

    private static string HostPort(Uri uri) => $"{uri.IdnHost}:{uri.Port}";
}
