using System.Net;
using System.Net.Sockets;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>The key a client address is limited by: an IPv4 address as it is, an IPv6 address by its /64.</summary>
public static class ClientPartition
{
    /// <summary>The key of requests whose address the server does not know (a Unix socket, a test host).</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// A provider hands each IPv6 customer a /64 (at least), so one household or one attacker holds
    /// 2^64 addresses: they count as one. IPv4-mapped IPv6 (a dual-stack socket) is the IPv4 address.
    /// </summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
