using System.Net;
using System.Net.Sockets;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// The push client's connect step: a name on the allow-list is resolved here and connected only to
/// its public addresses. The allow-list is checked on names when a subscription is taken, but a
/// name's DNS can change afterwards (or be made to answer 10.0.0.1), and the gateway must never be
/// steered into its own network. Exact <c>host:port</c> entries are the operator's own choice and
/// connect wherever they point.
/// </summary>
public sealed class PushConnectGuard(PushEndpointPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.DnsEndPoint;
        var addresses = await Addresses(target.Host, target.Port, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, target.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses <paramref name="host"/> may be connected to; throws when there are none.</summary>
    public async Task<IPAddress[]> Addresses(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var all = IPAddress.TryParse(host, out var literal) ? [literal] : await _resolve(host, cancellationToken);
        if (policy.IsListedExactly(host, port))
        {
            return all;
        }

        var usable = Array.FindAll(all, IsPublic);
        return usable.Length > 0
            ? usable
            : throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"Push host '{host}' resolves to no public address; refused so the gateway cannot be steered into its own network.");
    }

    /// <summary>False for loopback, private, link-local, shared (CGNAT), unspecified, multicast and other special-purpose ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // "this" network
                || b[0] == 10                                    // private
                || (b[0] == 100 && (b[1] & 0xC0) == 64)          // shared address space (CGNAT)
                || (b[0] == 169 && b[1] == 254)                  // link-local (cloud metadata lives here)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)          // private
                || (b[0] == 192 && b[1] == 168)                  // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments
                || (b[0] == 198 && (b[1] & 0xFE) == 18)          // benchmarking
                || b[0] >= 224);                                 // multicast and reserved
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || address.IsIPv6UniqueLocal || address.IsIPv4MappedToIPv6);
    }
}
