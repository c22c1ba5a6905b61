using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Silo.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Silo.Tests.ClientMode;

/// <summary>
/// Production's shape on one machine: a real redis-server, the Silo process (Redis clustering and
/// grain state) and two gateways in client mode sharing the Redis SignalR backplane.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ClientModeTests : IAsyncLifetime
{
    private static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    private readonly string _clusterId = $"ew-test-{Guid.NewGuid():N}";
    private RedisServer? _redis;
    private SiloProcess? _silo;
    private ClientGateway? _near;
    private ClientGateway? _far;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _silo = await SiloProcess.StartAsync(_redis, _clusterId);
        _near = new ClientGateway(_redis, _clusterId);
        _far = new ClientGateway(_redis, _clusterId);
    }

    [Fact]
    public async Task A_case_opened_on_one_gateway_alerts_a_subscriber_connected_to_another_through_redis()
    {
        // The subscriber's gateway hands no alerts out itself: the other gateway's sink must send
        // them, and only the backplane can carry them to this connection.
        await _near!.Services.GetRequiredService<SinkRegistration>().StopAsync(CancellationToken.None);
        using var near = _near.CreateClient();
        var subscribed = await near.PostAsJsonAsync("/api/subscribers", new { lat = Skopje.Lat, lon = Skopje.Lon, watchRadiusKm = 5, language = "en" });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var subscriber = await subscribed.Content.ReadFromJsonAsync<JsonElement>();
        await using var hub = await _near.ConnectHubAsync(subscriber.GetProperty("token").GetString()!);
        var alert = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("alert", message => alert.TrySetResult(message));

        using var far = _far!.CreateClient();
        far.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SupervisorToken(far));
        var opened = await far.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Ana", age = 9, description = "red jacket, blue backpack" },
            lastSeen = new { lat = Skopje.Lat, lon = Skopje.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
            travelMode = "walking",
            level = "public",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var received = await alert.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(caseId, received.GetProperty("caseId").GetString());
        Assert.Equal("new", received.GetProperty("kind").GetString());
    }

    private static async Task<string> SupervisorToken(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "supervisor", password = "supervisor-demo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (_near is not null)
        {
            await _near.DisposeAsync();
        }

        if (_far is not null)
        {
            await _far.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
