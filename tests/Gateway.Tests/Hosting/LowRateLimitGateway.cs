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
/// The gateway with every rate limit at <see cref="Limit"/> per window. Each test speaks from its
/// own (loopback) client address, set by a test-only header, so tests never share a partition.
/// </summary>
public sealed class LowRateLimitGateway : IAsyncLifetime, IAsyncDisposable
{
    public const int Limit = 2;
    private const string ClientIpHeader = "X-Test-Client-Ip";

    private readonly GatewayFactory _root = new();

    public LowRateLimitGateway() =>
        App = _root.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:AnonymousSightings", "2");
            b.UseSetting("RateLimits:Subscriptions", "2");
            b.UseSetting("RateLimits:TokenRequests", "2");

            // A long window, so no refill can land between a test's requests.
            b.UseSetting("RateLimits:Window", "01:00:00");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        });

    public WebApplicationFactory<Program> App { get; }

    /// <summary>A client whose requests come from <paramref name="clientIp"/>, with a bearer token when given.</summary>
    public HttpClient ClientFrom(string clientIp, string? token = null)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add(ClientIpHeader, clientIp);
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
    private sealed class ClientAddressFromHeader : IStartupFilter
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
