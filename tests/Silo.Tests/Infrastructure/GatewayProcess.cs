using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// <c>src/Gateway</c> as a user runs it, its own process from its own build output (content root:
/// that folder, so its appsettings.json applies), in Development, on a free loopback port and
/// free silo ports; the settings given to <see cref="StartAsync"/> (<c>--Key=Value</c>) say the rest (e.g. the
/// embedded mode's <c>--Storage:Path</c>, or client mode). Killed with its process tree.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GatewayProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    /// <summary>http://127.0.0.1:port/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The gateway's process id (its Redis connections carry it in their client names).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The process's last lines of output, for a failing test's message.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// The command-line settings of a client-mode gateway of <paramref name="clusterId"/> on
    /// <paramref name="redis"/>; gateways started with the same array share one signing key, so a
    /// phone's token works on each of them.
    /// </summary>
    public static string[] ClientModeSettings(RedisServer redis, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return [
            "--Orleans:Mode=client",
            $"--Orleans:RedisConnectionString={redis.ConnectionString}",
            $"--Orleans:ClusterId={clusterId}",
            $"--Orleans:ServiceId={clusterId}",
            $"--Auth:SigningKey=test-signing-key-{Guid.NewGuid():N}",
        ];
    }

    /// <summary>
    /// Starts the gateway and waits until <c>/healthz/ready</c> answers 200; on new ports when the
    /// ones picked were taken before it bound them (<see cref="FreshPorts"/>).
    /// </summary>
    public static Task<GatewayProcess> StartAsync(params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return FreshPorts.StartAsync(
            () => Launch(settings),
            gateway => gateway.WaitUntilReady(),
            gateway => gateway._process.HasExited && gateway.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
    }

    private static GatewayProcess Launch(string[] settings)
    {
        var dll = BuildOutput.Assembly("Gateway", "EarlyWarning.Gateway.dll");
        var port = RedisServer.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var argument in (string[])[
            dll,
            "--urls", $"http://127.0.0.1:{port}",
            $"--Orleans:SiloPort={RedisServer.FreePort()}",
            $"--Orleans:GatewayPort={RedisServer.FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            "--RateLimits:Subscriptions:Burst=100000",
            "--RateLimits:TokenRequests:Burst=100000",
            // The tests open public cases at once: one supervisor publishes (a second approver is Gateway.Tests' subject).
            "--Cases:EscalationApprovers=1",
            .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The gateway did not start.");
        var gateway = new GatewayProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
        process.OutputDataReceived += (_, e) => gateway.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>A client of this gateway, with <paramref name="bearer"/> when given.</summary>
    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A hub connection to this gateway (WebSockets, as the pages use), not yet started.</summary>
    public HubConnection BuildHub(string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/alerts"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

    /// <summary>Kills the process and its children at once, as a crash or <c>kill -9</c> would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private async Task WaitUntilReady()
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
            {
                // Lets the redirected output reach its last line first.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The gateway exited ({_process.ExitCode}):{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The gateway did not become ready:{Environment.NewLine}{Output}");
            }

            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
