using System.Net.Http.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// The gateway and the tests' push service side by side. The gateway is configured as an operator
/// would allow a push host (<c>Push:AllowedHosts</c> = the service's <c>127.0.0.1:port</c>), and its
/// push client trusts the service's self-signed certificate, and nothing else new.
/// </summary>
public sealed class PushGatewayFixture : IAsyncLifetime, IDisposable
{
    private GatewayFactory _root = null!;

    public TestPushService PushService { get; private set; } = null!;

    /// <summary>What the gateway logged, every level.</summary>
    public CapturedLog Log { get; } = new();

    public WebApplicationFactory<Program> Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PushService = await TestPushService.Start();
        _root = new GatewayFactory();
        Gateway = _root.WithWebHostBuilder(b =>
        {
            PushService.AllowIn(b);
            b.UseSetting("Push:RetryDelay", "00:00:00.200");
            b.UseSetting("Logging:LogLevel:System.Net.Http", "Trace");
            b.UseSetting("Logging:LogLevel:EarlyWarning", "Trace");
            b.ConfigureServices(services => services.AddLogging(l => l.AddProvider(Log)));
        });
        _ = Gateway.Server;
    }

    /// <summary>A public subscriber at the point, with a push subscription on the tests' service named <paramref name="name"/>.</summary>
    public async Task<(string Id, HttpClient Client, TestPushSubscription Push)> PushSubscriber(string name, (double Lat, double Lon) at, string language = "en")
    {
        using var anonymous = Gateway.CreateClient();
        var (id, token) = await Requests.Subscribe(anonymous, at.Lat, at.Lon, radiusKm: 5, language);
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var push = new TestPushSubscription(PushService.Endpoint(name));
        var response = await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        return (id, client, push);
    }

    public async Task<HttpClient> Supervisor()
    {
        var token = await TokenFor("supervisor", "supervisor-demo");
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async Task<string> TokenFor(string username, string password)
    {
        using var client = Gateway.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A place of its own for each test, ~28 km from the last, so one test's case does not alert another's subscribers.</summary>
    public (double Lat, double Lon) NextPlace() => (40.5 + (0.25 * Interlocked.Increment(ref _places)), 21.4);

    /// <summary>The subscriber's stored push subscription, read from its grain.</summary>
    public Task<EarlyWarning.Grains.Subscribers.PushSubscriptionRecord?> StoredPush(string subscriberId) =>
        Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<EarlyWarning.Grains.Subscribers.ISubscriberGrain>(subscriberId).GetPush();

    private int _places;

    public void Dispose() => _root?.Dispose();

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _root.DisposeAsync();
        await PushService.DisposeAsync();
    }
}
