using System.Net;
using EarlyWarning.Domain.Partners;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Partners;

/// <summary>
/// The webhook client's connect step: the host is resolved here and connected only to its public
/// addresses, unless it is on <see cref="PartnerOptions.AllowedHosts"/>. A URL is checked when it
/// is registered, but a name's DNS can change afterwards (DNS rebinding), so the check is repeated
/// before every socket is opened.
/// </summary>
public sealed class PartnerConnectGuard(IOptions<PartnerOptions> options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.DnsEndPoint;
        var addresses = await Addresses(target.Host, cancellationToken);
        return await GuardedConnect.To(addresses, target.Port, cancellationToken);
    }

    /// <summary>The addresses <paramref name="host"/> may be connected to; throws, before any socket exists, when there are none.</summary>
    public async Task<IPAddress[]> Addresses(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']');
        var all = IPAddress.TryParse(bare, out var literal) ? [literal] : await _resolve(bare, cancellationToken);
        if (PartnerUrl.IsAllowedHost(bare, options.Value.AllowedHosts))
        {
            return all;
        }

        return GuardedConnect.PublicOnly(all, $"Partner host '{host}' resolves to no public address and is not on Partners:AllowedHosts.");
    }
}
