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
        if (options.IsEmbedded)
        {
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                // One silo: state stays in this process (lost on exit, as memory storage is).
                silo.AddInProcessGrainStorage();
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
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
                client.AddActivityPropagation();

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
