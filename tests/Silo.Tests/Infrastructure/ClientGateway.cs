using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// The gateway in client mode: it joins the test's silo through Redis and uses the Redis SignalR
/// backplane; <paramref name="settings"/> go after the test defaults (e.g. a shared
/// <c>Auth:SigningKey</c>, so one gateway's tokens work at the next).
/// </summary>
public sealed class ClientGateway(RedisServer redis, string clusterId, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:Mode", "client");
        builder.UseSetting("Orleans:RedisConnectionString", redis.ConnectionString);
        builder.UseSetting("Orleans:ClusterId", clusterId);
        builder.UseSetting("Orleans:ServiceId", clusterId);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The tests open public cases at once: one supervisor publishes.
        builder.UseSetting("Cases:EscalationApprovers", "1");
        builder.UseSetting("RateLimits:Subscriptions:Burst", "100000");
        builder.UseSetting("RateLimits:TokenRequests:Burst", "100000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Waits for <c>/healthz/ready</c> (grain storage and the cluster answer), as a load balancer
    /// would before sending it traffic: right after joining, its first grain calls could fail.
    /// </summary>
    public async Task<ClientGateway> ReadyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/healthz/ready");
            if (response.IsSuccessStatusCode)
            {
                return this;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The gateway did not become ready: {(int)response.StatusCode}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits for <c>/healthz/ready</c> to answer 503, as a load balancer would notice an outage;
    /// returns how long that took.
    /// </summary>
    public async Task<TimeSpan> UnreadyAsync(TimeSpan within)
    {
        using var client = CreateClient();
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/healthz/ready");
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                return started.Elapsed;
            }

            if (started.Elapsed > within)
            {
                throw new InvalidOperationException($"The gateway still answered {(int)response.StatusCode} on /healthz/ready after {within}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A started hub connection of this gateway, authenticated by <paramref name="token"/>.</summary>
    public async Task<HubConnection> ConnectHubAsync(string token)
    {
        var connection = BuildHub(token);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A hub connection of this gateway (long polling through the test server), not yet started: handlers go on first.</summary>
    public HubConnection BuildHub(string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/alerts"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
}
