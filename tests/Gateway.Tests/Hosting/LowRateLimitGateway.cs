using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>
/// The gateway with every bucket at <see cref="Limit"/> and no refill within a test. Each test speaks
/// from its own client address, set by a test-only header (what the socket would say), so tests
/// never share a partition. <see cref="KnownProxy"/> is the one proxy whose forwarded headers count.
/// </summary>
public sealed class LowRateLimitGateway : IAsyncLifetime, IAsyncDisposable
{
    public const int Limit = 2;
    public const string KnownProxy = "127.0.0.200";
    public const string ClientIpHeader = "X-Test-Client-Ip";

    private static readonly string[] Buckets = ["AnonymousSightings", "Subscriptions", "TokenRequests", "Locations", "SubscriberRequests", "PartnerFeeds"];

    private readonly GatewayFactory _root = new();

    public LowRateLimitGateway() =>
        App = _root.WithWebHostBuilder(b =>
        {
            GatewayFactory.Unlimited(b);
            foreach (var bucket in Buckets)
            {
                // One token per half hour: no refill can land between a test's requests.
                b.UseSetting($"RateLimits:{bucket}:Burst", "2");
                b.UseSetting($"RateLimits:{bucket}:Refill", "1");
                b.UseSetting($"RateLimits:{bucket}:Period", "00:30:00");
            }

            b.UseSetting("ForwardedHeaders:KnownProxies:0", KnownProxy);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        });

    public WebApplicationFactory<Program> App { get; }

    /// <summary>A client whose requests come from <paramref name="clientIp"/>, with a bearer token when given.</summary>
    public HttpClient ClientFrom(string clientIp, string? token = null, string? forwardedFor = null)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add(ClientIpHeader, clientIp);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A demo account's token, requested from <paramref name="clientIp"/> (one token request of that address).</summary>
    public async Task<string> TokenFor(string username, string password, string clientIp)
    {
        using var client = ClientFrom(clientIp);
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.AccessToken;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _root.DisposeAsync();
    }

    /// <summary>The test server has no remote address; this one gives each request the address its header names.</summary>
    public sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
