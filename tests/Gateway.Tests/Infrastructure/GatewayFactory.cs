using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in embedded mode (co-hosted silo, in-memory state: Storage:Provider=memory) on its own silo ports, in
/// Development so the demo accounts exist. Shared by a test class; every test uses fresh ids.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly bool _unlimited = true;

    private readonly int _siloPort = FreePort();
    private readonly int _gatewayPort = FreePort();

    public GatewayFactory()
    {
    }

    private readonly int _escalationApprovers = 1;

    private GatewayFactory(int escalationApprovers) => _escalationApprovers = escalationApprovers;

    /// <summary>A gateway whose cases go public only when a second supervisor approves (the shipped default).</summary>
    public static GatewayFactory WithSecondApprover() => new(escalationApprovers: 2);

    private readonly EarlyWarning.Grains.Tests.Infrastructure.StorageFaults? _faults;

    private GatewayFactory(bool unlimited) => _unlimited = unlimited;

    private GatewayFactory(EarlyWarning.Grains.Tests.Infrastructure.StorageFaults faults) => _faults = faults;

    /// <summary>A gateway with the rate limits of appsettings.json, as shipped.</summary>
    public static GatewayFactory WithShippedLimits() => new(unlimited: false);

    /// <summary>A gateway whose grain storage fails the writes <paramref name="faults"/> names.</summary>
    public static GatewayFactory WithStorageFaults(EarlyWarning.Grains.Tests.Infrastructure.StorageFaults faults) => new(faults);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:SiloPort", _siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", _gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // State in this process: no test writes the SQLite file into the source tree's data folder.
        builder.UseSetting("Storage:Provider", "memory");
        // Most tests open public cases at once, as one supervisor of a small deployment may;
        // WithSecondApprover keeps the shipped default of two.
        builder.UseSetting("Cases:EscalationApprovers", _escalationApprovers.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Every test client shares one address; Hosting/RateLimitingTests sets low limits of its own.
        // One VAPID pair for the run: no test writes the Development key file into the source tree.
        builder.UseSetting("Push:PublicKey", Vapid.PublicKey);
        builder.UseSetting("Push:PrivateKey", Vapid.PrivateKey);
        builder.UseSetting("Push:Subject", "mailto:tests@earlywarning.invalid");

        if (_unlimited)
        {
            Unlimited(builder);
        }

        if (_faults is { } faults)
        {
            // Registered after the silo's own: this storage is the one every grain resolves.
            builder.ConfigureTestServices(services => services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(
                EarlyWarning.Grains.Hosting.StorageNames.Default,
                (provider, _) => faults.Wrap(ActivatorUtilities.CreateInstance<EarlyWarning.Grains.Hosting.InProcessGrainStorage>(provider))));
        }
    }

    /// <summary>Limits no test reaches: every bucket, ceiling and the sign-in lock-out.</summary>
    public static void Unlimited(IWebHostBuilder builder)
    {
        foreach (var bucket in new[] { "RateLimits:Subscriptions", "RateLimits:AnonymousSightings", "RateLimits:TokenRequests", "RateLimits:Locations", "RateLimits:SubscriberRequests", "RateLimits:PartnerFeeds", "SignIn:PerAccount" })
        {
            builder.UseSetting($"{bucket}:Burst", "1000000");
            builder.UseSetting($"{bucket}:Refill", "1000000");
        }

        builder.UseSetting("RateLimits:SubscriptionsPerMinute", "100000000");
        builder.UseSetting("RateLimits:AnonymousSightingsPerMinute", "100000000");
        builder.UseSetting("SignIn:MaxFailures", "1000");
    }

    /// <summary>
    /// A gateway of this factory's settings on Kestrel at a free loopback port, for what only a real
    /// socket shows (Kestrel's own limits and path handling); disposed with the factory.
    /// </summary>
    public (WebApplicationFactory<Program> App, int Port) OnLoopbackPort()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var app = WithWebHostBuilder(_ => { });
        app.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        app.StartServer();
        return (app, port);
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

    public Task<TokenResponse> TokenFor(string username) => TokenFor(this, username);

    /// <summary>A demo account's token from <paramref name="app"/> (this factory or one derived with WithWebHostBuilder).</summary>
    public static async Task<TokenResponse> TokenFor(WebApplicationFactory<Program> app, string username)
    {
        var password = username switch
        {
            "operator" => "operator-demo",
            "supervisor" or "supervisor2" => "supervisor-demo",
            _ => "field-demo",
        };
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!;
    }

    /// <summary>A started hub connection authenticated by <paramref name="token"/> (long polling through the test server).</summary>
    public Task<HubConnection> ConnectHubAsync(string token, bool messagePack = false, string? query = null) => ConnectHubAsync(this, token, messagePack, query);

    /// <summary>
    /// A started hub connection to <paramref name="app"/> (this factory or one derived with WithWebHostBuilder);
    /// <paramref name="query"/> (e.g. <c>deltas=1</c>) is added to the hub's address.
    /// </summary>
    public static async Task<HubConnection> ConnectHubAsync(WebApplicationFactory<Program> app, string token, bool messagePack = false, string? query = null)
    {
        var builder = new HubConnectionBuilder();
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder
            .WithUrl(new Uri(app.Server.BaseAddress, query is null ? "/hubs/alerts" : $"/hubs/alerts?{query}"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
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
