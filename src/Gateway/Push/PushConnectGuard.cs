using System.Net;
using EarlyWarning.Domain.Partners;

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
        return await GuardedConnect.To(addresses, target.Port, cancellationToken);
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

        return GuardedConnect.PublicOnly(all, $"Push host '{host}' resolves to no public address; refused so the gateway cannot be steered into its own network.");
    }
}
