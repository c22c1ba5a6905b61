using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using EarlyWarning.Grains.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

// A production silo: Redis for membership, grain state and reminders; gateways join it in client mode.
// Settings next to the binary, wherever it is started from: from the repository root the working
// directory's (absent) appsettings.json left the cluster named "default", and gateways looking for
// "earlywarning" found no silo.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var redis = builder.Configuration["Orleans:RedisConnectionString"]
    ?? throw new InvalidOperationException("Orleans:RedisConnectionString is required (e.g. localhost:6379).");

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(builder.Configuration.GetSection("Orleans"));
    var (siloPort, gatewayPort) = (builder.Configuration.GetValue("Orleans:SiloPort", 11111), builder.Configuration.GetValue("Orleans:GatewayPort", 30000));

    // The address other silos and gateways reach this one at, and the only one it listens on: a
    // private network's (or 127.0.0.1 on one machine). Unset, Orleans picks the machine's first.
    if (builder.Configuration["Orleans:AdvertisedIPAddress"] is { Length: > 0 } advertised)
    {
        silo.ConfigureEndpoints(System.Net.IPAddress.Parse(advertised), siloPort, gatewayPort);
    }
    else
    {
        silo.ConfigureEndpoints(siloPort, gatewayPort);
    }

    silo.UseRedisClustering(redis);
    // How fast a dead silo is voted out: NumMissedProbesLimit (3) missed probes of ProbeTimeout
    // (Orleans' default 5 s; 2 s was tried and once left a fresh-clone run with no silo for 90 s);
    // README "Running a cluster".
    silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
    silo.AddRedisGrainStorage(StorageNames.Default, o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
    // Reminders on the same Redis: they wake active cases after any silo restart or failover.
    silo.UseRedisReminderService(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
    silo.AddEarlyWarningGrains(builder.Configuration);

    // The dashboard's figures, served to supervisors by the gateways at /dashboard (this process has no web port).
    if (builder.Configuration.GetValue("Dashboard:Enabled", true))
    {
        silo.AddDashboard(o => o.HideTrace = true);
    }
});

await builder.Build().RunAsync();
