using System.Net;
using System.Net.Sockets;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Benchmarks.Hosting;

/// <summary>
/// An in-process silo configured as the Gateway's embedded mode configures one (localhost clustering,
/// memory storage unless <c>Storage:Provider=sqlite</c>, <see cref="GrainsHosting.AddEarlyWarningGrains"/>),
/// on free loopback ports and logging warnings only.
/// </summary>
public static class BenchmarkSilo
{
    /// <summary>
    /// Starts the silo with <paramref name="settings"/> layered over the defaults, its domain clock
    /// <paramref name="domainClock"/> when given; the caller stops it.
    /// </summary>
    public static async Task<IHost> StartAsync(IReadOnlyDictionary<string, string?> settings, FrozenClock? domainClock = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The gateway's appsettings.json lands in the output folder too, and its Logging:LogLevel
        // (Information) would win over the minimum level: a console line per zone push and case opened.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Configuration.AddInMemoryCollection(settings);
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            // Storage:Provider=sqlite (with Storage:Path) in the caller's settings measures the
            // embedded gateway's durable default. Only the caller's: the gateway's appsettings.json
            // in the output folder says sqlite at data/earlywarning.db, and read from there every
            // benchmark ran on one file that outlived its process (a fan-out case opened by the
            // previous run came back with its sightings).
            if (string.Equals(settings.GetValueOrDefault("Storage:Provider"), "sqlite", StringComparison.OrdinalIgnoreCase))
            {
                silo.AddSqliteStorage(settings.GetValueOrDefault("Storage:Path") ?? throw new InvalidOperationException("Storage:Path is required with sqlite."));
            }
            else
            {
                silo.AddInProcessGrainStorage();
            }

            silo.AddEarlyWarningGrains(builder.Configuration);
        });

        if (domainClock is not null)
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(Clock.Key, domainClock);
        }

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
