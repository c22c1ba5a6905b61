using EarlyWarning.Gateway.Geo;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Subscribers;
using EarlyWarning.Grains.Regions;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

public static class AlertsSetup
{
    public static WebApplicationBuilder AddEarlyWarningAlerts(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR()
            .AddJsonProtocol(o =>
            {
                JsonSetup.Apply(o.PayloadSerializerOptions);
                o.PayloadSerializerOptions.Converters.Add(new GeoJsonGeometryConverter());
            })
            .AddMessagePackProtocol(o => o.SerializerOptions = JsonShapedMessagePack.Options);
        var orleans = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        if (!string.IsNullOrEmpty(orleans.RedisConnectionString))
        {
            // Staging and production may share one Redis: each cluster keeps to its own channels.
            signalR.AddStackExchangeRedis(orleans.RedisConnectionString, o =>
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(BackplaneChannelPrefix(orleans)));
        }

        builder.Services.AddOptions<HubRateLimitOptions>().BindConfiguration(HubRateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IUserIdProvider, SubscriberUserIdProvider>();
        builder.Services.AddSingleton<LocalConnections>();
        builder.Services.AddSingleton<LocalAlertDelivery>();
        builder.Services.AddSingleton<DeliveryCounts>();
        if (!string.IsNullOrEmpty(orleans.RedisConnectionString))
        {
            // Started before the sink registers: subscribed before any batch can come.
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RedisBatchRelay>(
                sp, orleans.RedisConnectionString, BackplaneChannelPrefix(orleans)));
            builder.Services.AddSingleton<IBatchRelay>(sp => sp.GetRequiredService<RedisBatchRelay>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisBatchRelay>());
        }
        else
        {
            builder.Services.AddSingleton<IBatchRelay, LocalBatchRelay>();
        }

        builder.Services.AddSingleton<HubAlertSink>();
        builder.Services.AddSingleton<SinkRegistration>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SinkRegistration>());
        builder.Services.AddScoped<SubscriberService>();
        builder.Services.AddSingleton<TileMoves>();
        // The gateway routes moves to tiles: it reads the same tiling as the silo (bound there too in embedded mode).
        builder.Services.AddOptions<RegionOptions>().BindConfiguration(RegionOptions.Section);
        return builder;
    }

    /// <summary>The SignalR backplane's Redis channel prefix: one per service and cluster.</summary>
    public static string BackplaneChannelPrefix(OrleansOptions orleans) => $"earlywarning:{orleans.ServiceId}:{orleans.ClusterId}";
}
