using System.Net;
using System.Net.Sockets;

namespace EarlyWarning.Domain.Partners;

/// <summary>
/// Whether an address is on the public internet. Outgoing calls to addresses someone else chose
/// (a push endpoint, a partner's webhook) must not steer the system into its own network: loopback,
/// private, link-local (cloud metadata lives there), unique-local and other special-purpose ranges.
/// </summary>
public static class PublicAddress
{
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
