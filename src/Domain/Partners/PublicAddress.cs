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

        var v6 = address.GetAddressBytes();
        if (TranslatedIPv4(v6) is { } translated)
        {
            // A NAT64 or 6to4 gateway carries it to that IPv4 address: as public as that one.
            return IsPublic(translated);
        }

        // Teredo (2001::/32) tunnels to an address it hides: refused, as no partner needs it.
        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0)
        {
            return false;
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || address.IsIPv6UniqueLocal || address.IsIPv4MappedToIPv6);
    }

    /// <summary>
    /// The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address stands for; 0.0.0.0 (not
    /// public) for the rest of 64:ff9b::/32, whose local-use NAT64 prefixes (64:ff9b:1::/48) place the
    /// IPv4 address as their operator chose; null for any other address.
    /// </summary>
    private static IPAddress? TranslatedIPv4(byte[] b)
    {
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            return b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 ? new IPAddress(b[12..16]) : IPAddress.Any;
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b[2..6]) : null;
    }
}
