using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

public static class PushSetup
{
    /// <summary>Web Push: the VAPID identity (checked at start-up), the allow-list, the queue, the pooled client and the workers.</summary>
    public static WebApplicationBuilder AddEarlyWarningPush(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PushOptions>().BindConfiguration(PushOptions.Section);
        builder.Services.AddSingleton<VapidIdentity>();
        builder.Services.AddSingleton(sp => new PushEndpointPolicy(sp.GetRequiredService<IOptions<PushOptions>>().Value.EffectiveAllowedHosts));
        builder.Services.AddSingleton(sp => new PushConnectGuard(sp.GetRequiredService<PushEndpointPolicy>()));
        builder.Services.AddSingleton<PushOutbox>();
        builder.Services.AddSingleton<CaseAlertingCheck>();
        builder.Services.AddSingleton<SubscriberKeyCache>();
        builder.Services.AddSingleton<PushSender>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(PushSender.ClientName, c =>
            {
                c.Timeout = TimeSpan.FromSeconds(30);

                // The push services of the browsers speak HTTP/2: many requests share a connection and
                // its writes (a fraction of the send calls of HTTP/1.1). Lower if a service offers only 1.1.
                c.DefaultRequestVersion = HttpVersion.Version20;
                c.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // An allowed name is connected only to its public addresses (PushConnectGuard).
                ConnectCallback = sp.GetRequiredService<PushConnectGuard>().ConnectAsync,
                // Never follow a push service elsewhere: the allow-list is checked on the endpoint only.
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                MaxConnectionsPerServer = 32,
                EnableMultipleHttp2Connections = true,
            })
            // One client for the app's lifetime per handler rotation; the pool lives in the handler.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The factory's request logging writes each request's URI: a push endpoint is a capability
            // URL, never logged (PushLog names subscribers). It was also a few % of a message's CPU.
            .RemoveAllLoggers();
        builder.Services.AddHostedService<PushKeyCheck>();
        builder.Services.AddHostedService<PushWorker>();
        return builder;
    }

    /// <summary>Resolved with the other hosted services before any starts: a bad VAPID setup stops the host before the silo runs.</summary>
    private sealed class PushKeyCheck(VapidIdentity identity) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(identity);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
