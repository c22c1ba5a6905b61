using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// Outages answered honestly: outage exceptions are 503/504 problems on every route and hub
/// errors with a reason, in both modes; in client mode a <see cref="ClusterMonitor"/> decides
/// whether the cluster answers, and <see cref="ClusterCallFilter"/> and <see cref="HubOutageGate"/>
/// turn requests away at once while it does not.
/// </summary>
public static class OutageSetup
{
    public static WebApplicationBuilder AddEarlyWarningOutages(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutageOptions>().BindConfiguration(OutageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var orleans = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        var monitored = !orleans.IsEmbedded;
        builder.Services.AddSingleton(new ClusterAvailability(monitored));
        builder.Services.AddSingleton<OpenHubConnections>();
        builder.Services.AddExceptionHandler<OutageExceptionHandler>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<OutageHubFilter>());
        if (monitored)
        {
            // Orleans' client takes its call filters and connection observers from the container.
            builder.Services.AddSingleton<IOutgoingGrainCallFilter, ClusterCallFilter>();
            builder.Services.AddSingleton<IClusterConnectionStatusObserver, ClusterConnectionObserver>();
            builder.Services.AddSingleton<ThreadPoolDelay>();
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClusterMonitor>(sp, orleans.RedisConnectionString ?? ""));
            // Started after the Orleans client, before anything else calls a grain (the sink registration).
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterMonitor>());
        }

        return builder;
    }

    public static WebApplication UseEarlyWarningOutages(this WebApplication app)
    {
        var availability = app.Services.GetRequiredService<ClusterAvailability>();
        var registration = app.Services.GetRequiredService<SinkRegistration>();
        var connections = app.Services.GetRequiredService<OpenHubConnections>();
        var logger = app.Services.GetRequiredService<ILogger<ClusterMonitor>>();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutageOptions>>();
        availability.Recovered += () =>
        {
            // Silos started again know no sink: register at once rather than at the next refresh.
            _ = registration.RefreshAsync();
            // Control-room events during the outage may be lost, alerts only in a long one (see
            // OutageOptions.SubscriberResyncAfter): those pages reconnect and read the state again.
            OutageLog.HubConnectionsClosed(logger, connections.CloseAll(subscribers: availability.LastOutage >= options.Value.SubscriberResyncAfter));
        };
        app.Use(HubOutageGate.RefuseNewConnections);
        return app;
    }
}
