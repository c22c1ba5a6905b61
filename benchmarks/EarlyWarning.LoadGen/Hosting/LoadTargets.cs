using System.Globalization;
using System.Net;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>
/// Where the gateways listen: one or more gateways (one port each) on the same loopback addresses
/// (127.0.0.1, 127.0.0.2, …), so that no (client address, server address, port) tuple runs out of
/// ephemeral ports. Client <c>i</c> goes to gateway <c>i mod G</c>, address <c>(i div G) mod A</c>:
/// consecutive clients spread evenly over the gateways first. Only loopback addresses are
/// accepted: the load generator never leaves the machine.
/// </summary>
internal sealed class LoadTargets
{
    private LoadTargets(IReadOnlyList<int> ports, IReadOnlyList<IPAddress> addresses)
    {
        Ports = ports;
        Addresses = addresses;
    }

    /// <summary>One HTTP port per gateway, in the order given.</summary>
    public IReadOnlyList<int> Ports { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    public int GatewayCount => Ports.Count;

    /// <summary>Distinct (gateway, address) pairs: <see cref="HttpBase"/> repeats with this period.</summary>
    public int EndpointCount => Ports.Count * Addresses.Count;

    /// <summary>The first gateway's first address: sign-in, cases and sightings go there.</summary>
    public Uri Control => HttpBase(0);

    /// <param name="gateways">Each gateway's base URL, e.g. <c>http://127.0.0.1:5080</c>, all on the same loopback host.</param>
    /// <param name="addressCount">How many consecutive loopback addresses from the gateways' (1–32); each gateway listens on all.</param>
    public static LoadTargets Create(IReadOnlyList<Uri> gateways, int addressCount)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        if (gateways.Count == 0)
        {
            throw new ArgumentException("--gateway needs at least one URL.");
        }

        var hosts = gateways.Select(HostOf).Distinct().ToArray();
        if (hosts.Length != 1)
        {
            throw new ArgumentException("Every --gateway URL must be on the same loopback address (they differ by port).");
        }

        if (addressCount is < 1 or > 32)
        {
            throw new ArgumentException("--addresses must be between 1 and 32.");
        }

        var first = hosts[0].GetAddressBytes();
        var addresses = Enumerable.Range(0, addressCount)
            .Select(i => new IPAddress([first[0], first[1], first[2], checked((byte)(first[3] + i))]))
            .ToArray();
        return new LoadTargets([.. gateways.Select(g => g.Port)], addresses);
    }

    /// <summary>The gateway (0-based) that client <paramref name="i"/> talks to.</summary>
    public int GatewayOf(int i) => i % Ports.Count;

    /// <summary>The REST base for client <paramref name="i"/>.</summary>
    public Uri HttpBase(int i) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{AddressOf(i)}:{Ports[GatewayOf(i)]}/"));

    /// <summary>The hub URL for connection <paramref name="i"/>, its token in the query as SignalR takes it.</summary>
    public Uri HubUri(int i, string token, string hubPath = "/hubs/alerts") =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"ws://{AddressOf(i)}:{Ports[GatewayOf(i)]}{hubPath}?access_token={Uri.EscapeDataString(token)}"));

    /// <summary>The <c>--gateway</c> value that names these gateways again (for the holder processes).</summary>
    public string GatewayArgument => string.Join(',', Ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"http://{Addresses[0]}:{p}")));

    public override string ToString()
    {
        var ports = string.Join('/', Ports);
        var gateways = Ports.Count == 1 ? "port" : $"{Ports.Count} gateways, ports";
        return Addresses.Count == 1 ? $"{Addresses[0]} {gateways} {ports}" : $"{Addresses[0]}…{Addresses[^1]} {gateways} {ports}";
    }

    private IPAddress AddressOf(int i) => Addresses[(i / Ports.Count) % Addresses.Count];

    private static IPAddress HostOf(Uri gateway)
    {
        var host = gateway.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(gateway.Host, out var ip) ? ip : null;
        if (host is null || !IPAddress.IsLoopback(host) || host.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"--gateway must be an IPv4 loopback address (127.x.y.z), not '{gateway.Host}'.");
        }

        return host;
    }
}
