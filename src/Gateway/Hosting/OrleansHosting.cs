using EarlyWarning.Grains.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>Embedded mode co-hosts a silo; client mode joins silos clustered through Redis.</summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddEarlyWarningOrleans(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        var dashboard = OrleansDashboard.IsEnabled(builder.Configuration);
        builder.Services.AddOptions<OrleansOptions>().BindConfiguration(OrleansOptions.Section);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        if (options.IsEmbedded)
        {
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                // One silo: state and reminders in a local file, so a restart loses nothing
                // (Storage:Provider=memory keeps them in this process, for tests and benchmarks).
                var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
                if (storage.IsSqlite)
                {
                    silo.AddSqliteStorage(storage.FullPath(builder.Environment.ContentRootPath));
                }
                else if (storage.IsMemory)
                {
                    silo.AddInProcessGrainStorage();
                }
                else
                {
                    throw new InvalidOperationException($"Storage:Provider must be sqlite or memory, not '{storage.Provider}'.");
                }

                silo.AddEarlyWarningGrains(builder.Configuration);

                // Grain calls join the request's trace; costs nothing while no one listens.
                silo.AddActivityPropagation();
                if (dashboard)
                {
                    silo.AddDashboard(OrleansDashboard.Configure);
                }
            });
        }
        else
        {
            var redis = options.RedisConnectionString
                ?? throw new InvalidOperationException("Orleans:RedisConnectionString is required in client mode.");
            // The silos decide how many approve a publication; the gateway reads the same setting to
            // refuse opening a case as public at once when a second supervisor must approve.
            builder.Services.AddOptions<EarlyWarning.Grains.Cases.CaseOptions>().BindConfiguration(EarlyWarning.Grains.Cases.CaseOptions.Section);
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
                client.AddActivityPropagation();
                // Which silos are up, read again every 5 s (Orleans' default: a minute). A gateway
                // connected only to a silo that died answered 503 for ~30 s until its list showed
                // the others (SiloKilledDuringResolveTests writes the time out).
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = builder.Configuration.GetValue("Orleans:GatewayListRefreshPeriod", TimeSpan.FromSeconds(5)));

                // Serves the page; the figures come from the silos' own AddDashboard.
                if (dashboard)
                {
                    client.AddDashboard(OrleansDashboard.Configure);
                }
            });
        }

        return builder;
    }
}
