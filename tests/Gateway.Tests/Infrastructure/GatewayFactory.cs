using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in embedded mode (co-hosted silo, in-memory state) on its own silo ports, in
/// Development so the demo accounts exist. Shared by a test class; every test uses fresh ids.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly int _siloPort = FreePort();
    private readonly int _gatewayPort = FreePort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:SiloPort", _siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", _gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // Every test client shares one address; Hosting/RateLimitingTests sets low limits of its own.
        builder.UseSetting("RateLimits:AnonymousSightings", "100000");
        builder.UseSetting("RateLimits:Subscriptions", "100000");
        builder.UseSetting("RateLimits:TokenRequests", "100000");

        // One VAPID pair for the run: no test writes the Development key file into the source tree.
        builder.UseSetting("Push:PublicKey", Vapid.PublicKey);
        builder.UseSetting("Push:PrivateKey", Vapid.PrivateKey);
        builder.UseSetting("Push:Subject", "mailto:tests@earlywarning.invalid");
    }

    /// <summary>The VAPID pair every test gateway signs its pushes with.</summary>
    public static EarlyWarning.Gateway.Push.VapidKeys Vapid { get; } = EarlyWarning.Gateway.Push.VapidKeys.Create();

    /// <summary>A client carrying a bearer token for a demo account.</summary>
    public async Task<HttpClient> CreateClientAs(string username)
    {
        var token = await TokenFor(username);
        return CreateClientWithToken(token.AccessToken);
    }

    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<TokenResponse> TokenFor(string username)
    {
        var password = username switch
        {
            "operator" => "operator-demo",
            "supervisor" => "supervisor-demo",
            _ => "field-demo",
        };
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!;
    }

    /// <summary>A started hub connection authenticated by <paramref name="token"/> (long polling through the test server).</summary>
    public async Task<HubConnection> ConnectHubAsync(string token, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder();
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/alerts"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
