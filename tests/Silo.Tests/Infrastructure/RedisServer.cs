using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, stopped with the test; with a password when
/// given, so the silo and gateways prove they pass it through their connection string. Nothing is
/// saved unless <c>persistent</c>: then it keeps an append-only file (fsync on every write) in a
/// folder of its own, and can be killed and started again on the same port and data, as an outage.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string? _password;
    private readonly string? _dataDirectory;
    private Process _process;

    private RedisServer(Process process, int port, string? password, string? dataDirectory) =>
        (_process, Port, _password, _dataDirectory) = (process, port, password, dataDirectory);

    public int Port { get; }

    /// <summary>The address without credentials.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>What the silo and gateways are given: StackExchange.Redis syntax, password included.</summary>
    public string ConnectionString => _password is null ? Address : $"{Address},password={_password}";

    public static async Task<RedisServer> StartAsync(string? password = null, bool persistent = false)
    {
        var dataDirectory = persistent ? Directory.CreateTempSubdirectory("ew-redis-").FullName : null;
        for (var attempt = 1; ; attempt++)
        {
            // Another process may take the free port before redis-server binds it (the server then
            // exits at once): try another port rather than wait for a server that is gone.
            var port = FreePort();
            var server = new RedisServer(Launch(port, password, dataDirectory), port, password, dataDirectory);
            try
            {
                await server.WaitUntilAnswering();
                return server;
            }
            catch (RedisConnectionException) when (attempt < 3 && server._process.HasExited)
            {
                server._process.Dispose();
            }
        }
    }

    /// <summary>Kills the server (SIGKILL, no goodbye to its clients), keeping its data folder.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts it again on the same port, with what its append-only file kept.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(Port, _password, _dataDirectory);
        await WaitUntilAnswering();
    }

    private static Process Launch(int port, string? password, string? dataDirectory)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string[] persistence = dataDirectory is null
            ? ["--save", "", "--appendonly", "no"]
            : ["--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dataDirectory];
        foreach (var argument in (string[])["--port", $"{port}", "--bind", "127.0.0.1", .. persistence])
        {
            start.ArgumentList.Add(argument);
        }

        if (password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(password);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (test.sh installs it).");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private async Task WaitUntilAnswering()
    {
        // Generous: with the machine's two cores loaded (load 30 in a CI run) a start took over 10 s.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
                await redis.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
