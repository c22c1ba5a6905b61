using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// <c>src/Silo</c> as production runs it, its own process from its own build output: Redis
/// clustering and grain storage, on free ports, in a cluster of the test's own. Its last
/// <see cref="KeptLines"/> lines of output (warnings and errors) are written to the test's output
/// when it stops, when the test gives one: shown only when the test fails.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptLines = 300;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private ITestOutputHelper? _output;
    private bool _disposed;

    private SiloProcess(Process process, int siloPort, int gatewayPort) => (_process, SiloPort, GatewayPort) = (process, siloPort, gatewayPort);

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>
    /// Starts a silo on the given ports (free ones when not given), with <paramref name="settings"/>
    /// (<c>--Key=Value</c>) after the test defaults. A silo restarted on its old ports takes over
    /// from its dead predecessor at once, as a restarted production silo does.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        RedisServer redis, string clusterId, int? siloPort = null, int? gatewayPort = null, IEnumerable<string>? settings = null, ITestOutputHelper? output = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        string[] given = [.. settings ?? []];
        // Ports given are kept: only ports picked here are picked again (FreshPorts).
        return await FreshPorts.StartAsync(
            () => Launch(redis, clusterId, (siloPort ?? RedisServer.FreePort(), gatewayPort ?? RedisServer.FreePort()), given, output),
            silo => WaitUntilActive(redis, clusterId, silo),
            silo => siloPort is null && gatewayPort is null && silo.ExitedOnPortInUse());
    }

    private static SiloProcess Launch(RedisServer redis, string clusterId, (int Silo, int Gateway) ports, string[] settings, ITestOutputHelper? output)
    {
        var dll = SiloAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            dll,
            $"--Orleans:RedisConnectionString={redis.ConnectionString}",
            $"--Orleans:ClusterId={clusterId}",
            $"--Orleans:ServiceId={clusterId}",
            $"--Orleans:SiloPort={ports.Silo}",
            $"--Orleans:GatewayPort={ports.Gateway}",
            // Loopback only: unset, the silo advertises (and gateways dial) the machine's network address.
            "--Orleans:AdvertisedIPAddress=127.0.0.1",
            "--Logging:LogLevel:Default=Warning",
            // Gateways come and go in a test: every batch looks at the registry afresh.
            "--Dispatch:SinkCacheTtl=00:00:00",
            .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
        var silo = new SiloProcess(process, ports.Silo, ports.Gateway) { _output = output };
        process.OutputDataReceived += (_, line) => silo.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    private bool ExitedOnPortInUse()
    {
        if (!_process.HasExited)
        {
            return false;
        }

        // Exited already: this only lets the redirected output reach its last line.
        _process.WaitForExit();
        return _lines.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
    }

    // A silo is up once its own membership row in Redis (field S127.0.0.1:port:generation, the
    // newest generation on its port) says Active (status 3). Any active row would do for the first
    // silo, but not for the second: it passed on the first's row while still joining, and a test
    // that then killed the first left a cluster no silo could join (90 s of 503).
    private static async Task WaitUntilActive(RedisServer redis, string clusterId, SiloProcess silo)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var port = $":{silo.SiloPort}:";
        while (DateTime.UtcNow < deadline && !silo._process.HasExited)
        {
            var rows = await connection.GetDatabase().HashGetAllAsync($"{clusterId}/members/{clusterId}");
            var own = rows
                .Where(r => r.Name.ToString().Contains(port, StringComparison.Ordinal))
                .OrderByDescending(r => long.TryParse(r.Name.ToString()[(r.Name.ToString().LastIndexOf(':') + 1)..], out var generation) ? generation : 0)
                .Select(r => r.Value.ToString())
                .FirstOrDefault();
            if (own?.Contains("\"Status\":3", StringComparison.Ordinal) == true)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The silo on port {silo.SiloPort} did not become active (exited: {silo._process.HasExited}).");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }
    }

    private static string SiloAssembly() => BuildOutput.Assembly("Silo", "EarlyWarning.Silo.dll");

    /// <summary>Kills the silo; again is a no-op (a test that kills its silo may fail before starting the next).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_output is not null && !_lines.IsEmpty)
        {
            _output.WriteLine($"--- silo :{SiloPort}, its last {_lines.Count} lines of output (killed {DateTime.UtcNow:HH:mm:ss.fff}) ---");
            foreach (var line in _lines)
            {
                _output.WriteLine(line);
            }
        }
    }
}
