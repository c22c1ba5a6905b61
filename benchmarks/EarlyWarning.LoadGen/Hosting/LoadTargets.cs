using System.Globalization;
using System.Net;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>
/// Where the gateway listens: one port on several loopback addresses (127.0.0.1, 127.0.0.2, …),
/// so that no (client address, server address, port) tuple runs out of ephemeral ports. Only
/// loopback addresses are accepted: the load generator never leaves the machine.
/// </summary>
internal sealed class LoadTargets
{
    private LoadTargets(int port, IReadOnlyList<IPAddress> addresses)
    {
        Port = port;
        Addresses = addresses;
    }

    public int Port { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The first address: sign-in, cases and sightings go there.</summary>
    public Uri Control => HttpBase(0);

    /// <param name="gateway">The gateway's base URL, e.g. <c>http://127.0.0.1:5080</c>; its host must be a loopback address.</param>
    /// <param name="addressCount">How many consecutive loopback addresses from the gateway's (1–32).</param>
    public static LoadTargets Create(Uri gateway, int addressCount)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var host = gateway.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(gateway.Host, out var ip) ? ip : null;
        if (host is null || !IPAddress.IsLoopback(host) || host.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"--gateway must be an IPv4 loopback address (127.x.y.z), not '{gateway.Host}'.");
        }

        if (addressCount is < 1 or > 32)
        {
            throw new ArgumentException("--addresses must be between 1 and 32.");
        }

        var first = host.GetAddressBytes();
        var addresses = Enumerable.Range(0, addressCount)
            .Select(i => new IPAddress([first[0], first[1], first[2], checked((byte)(first[3] + i))]))
            .ToArray();
        return new LoadTargets(gateway.Port, addresses);
    }

    /// <summary>The REST base of the <paramref name="i"/>-th address (round robin).</summary>
    public Uri HttpBase(int i) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{Addresses[i % Addresses.Count]}:{Port}/"));

    /// <summary>The hub URL for connection <paramref name="i"/>, its token in the query as SignalR takes it.</summary>
    public Uri HubUri(int i, string token) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"ws://{Addresses[i % Addresses.Count]}:{Port}/hubs/alerts?access_token={Uri.EscapeDataString(token)}"));

    public override string ToString() =>
        Addresses.Count == 1 ? $"{Addresses[0]}:{Port}" : $"{Addresses[0]}…{Addresses[^1]} port {Port}";
}
