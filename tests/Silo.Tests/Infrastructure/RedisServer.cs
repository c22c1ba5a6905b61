using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, nothing saved, stopped with the test; with a
/// password when given, so the silo and gateways prove they pass it through their connection string.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _password;

    private RedisServer(Process process, int port, string? password) => (_process, Port, _password) = (process, port, password);

    public int Port { get; }

    /// <summary>The address without credentials.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>What the silo and gateways are given: StackExchange.Redis syntax, password included.</summary>
    public string ConnectionString => _password is null ? Address : $"{Address},password={_password}";

    public static async Task<RedisServer> StartAsync(string? password = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        if (password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(password);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (test.sh installs it).");
        var server = new RedisServer(process, port, password);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
                await redis.GetDatabase().PingAsync();
                return server;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
