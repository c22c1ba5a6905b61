using System.Net.WebSockets;
using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Hub;

/// <summary>
/// Many <see cref="HubSocket"/>s, one per subscriber token, spread round robin over the loopback
/// addresses, connected with bounded parallelism and kept alive with SignalR pings.
/// </summary>
internal sealed class HubFleet : IAsyncDisposable
{
    /// <summary>The alert hub; the no-op hub is <c>/hubs/noop</c> (gateway setting Benchmarks:NoOpHub).</summary>
    public const string AlertsHubPath = "/hubs/alerts";

    private const int ConnectsInFlight = 128;
    // A gateway refuses connects (503, Retry-After 5 s) while it finds the cluster unavailable, as
    // it may for a moment under this load; the pages keep retrying, so do these, for up to ~20 s.
    private const int ConnectAttempts = 8;
    private static readonly TimeSpan MaxConnectBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PingWhenIdleFor = TimeSpan.FromSeconds(10);

    private readonly HubSocket[] _sockets;
    private readonly HttpMessageInvoker _invoker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepAlive;

    private HubFleet(HubSocket[] sockets, HttpMessageInvoker invoker)
    {
        _sockets = sockets;
        _invoker = invoker;
        _keepAlive = KeepAlive(_stop.Token);
    }

    /// <summary>The connected sockets, in token order (a failed connection leaves no gap: see <see cref="HubSocket.Index"/>).</summary>
    public IReadOnlyList<HubSocket> Sockets => _sockets;

    public int Count => _sockets.Length;

    public int Open => _sockets.Count(s => s.IsOpen);

    public long Alerts => _sockets.Sum(s => s.Alerts);

    /// <summary>The closed sockets by <see cref="HubSocket.CloseReason"/>, most first: who closed them and why.</summary>
    public IReadOnlyList<(string Reason, int Count)> ClosedBy() =>
        [.. _sockets.Where(s => !s.IsOpen).GroupBy(s => s.CloseReason ?? "unknown").Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2)];

    /// <summary>
    /// Connects one socket per token. <paramref name="onAlert"/> is wired before each handshake, so
    /// no alert is missed. Fails when more than 1 % of the connections cannot be made.
    /// </summary>
    public static Task<HubFleet> ConnectAsync(
        LoadTargets targets, IReadOnlyList<string> tokens, string label, Action<HubSocket, AlertSeen>? onAlert, CancellationToken cancellationToken) =>
        ConnectAsync(targets, tokens, label, onAlert, 0, AlertsHubPath, cancellationToken);

    /// <summary>
    /// As above, to <paramref name="hubPath"/>, socket <c>i</c> going where client
    /// <c><paramref name="firstIndex"/> + i</c> goes (<see cref="LoadTargets.HubUri"/>): a holder
    /// process with a slice of the subscribers spreads its sockets over the gateways as one process would.
    /// </summary>
    public static async Task<HubFleet> ConnectAsync(
        LoadTargets targets, IReadOnlyList<string> tokens, string label, Action<HubSocket, AlertSeen>? onAlert,
        int firstIndex, string hubPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(tokens);
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, UseProxy = false });
        var sockets = new HubSocket?[tokens.Count];
        string? lastError = null;
        using (var progress = ProgressLine.Count(label, tokens.Count))
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = ConnectsInFlight, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, tokens.Count), options, async (i, ct) =>
            {
                for (var attempt = 1; attempt <= ConnectAttempts; attempt++)
                {
                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        timeout.CancelAfter(ConnectTimeout);
                        sockets[i] = await HubSocket.ConnectAsync(targets.HubUri(firstIndex + i, tokens[i], hubPath), invoker, i, onAlert, timeout.Token);
                        progress.Advance();
                        return;
                    }
                    catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException
                        || (ex is OperationCanceledException && !ct.IsCancellationRequested))
                    {
                        lastError = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxConnectBackoff.TotalMilliseconds, 250 << (attempt - 1))), ct);
                    }
                }

                progress.Fail();
            });
        }

        var connected = sockets.OfType<HubSocket>().ToArray();
        var fleet = new HubFleet(connected, invoker);
        var failed = tokens.Count - connected.Length;
        if (failed > tokens.Count / 100)
        {
            await fleet.DisposeAsync();
            throw new InvalidOperationException($"{failed:N0} of {tokens.Count:N0} hub connections failed; last error: {lastError}");
        }

        if (failed > 0)
        {
            Console.Error.WriteLine($"{label}: {failed:N0} connections failed; last error: {lastError}");
        }

        return fleet;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keepAlive;
        await Parallel.ForEachAsync(_sockets, new ParallelOptions { MaxDegreeOfParallelism = ConnectsInFlight },
            async (socket, _) => await socket.DisposeAsync());
        _invoker.Dispose();
        _stop.Dispose();
    }

    /// <summary>Pings every idle socket about every 5 s: the server closes a client silent for 30 s.</summary>
    private async Task KeepAlive(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var socket in _sockets)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    await socket.PingIfIdleAsync(PingWhenIdleFor);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
