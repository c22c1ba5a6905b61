using System.Diagnostics.CodeAnalysis;
using System.Net;
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
    private static readonly (double Lat, double Lon) Skopje = ClusterCalls.Skopje;

    private readonly string _clusterId = $"ew-test-{Guid.NewGuid():N}";
    private RedisServer? _redis;
    private SiloProcess? _silo;
    private ClientGateway? _near;
    private ClientGateway? _far;

    public async Task InitializeAsync()
    {
        // Production's Redis requires a password: so does this one, given only through the connection string.
        _redis = await RedisServer.StartAsync(password: $"pw-{Guid.NewGuid():N}");
        _silo = await SiloProcess.StartAsync(_redis, _clusterId);
        _near = await new ClientGateway(_redis, _clusterId).ReadyAsync();
        _far = await new ClientGateway(_redis, _clusterId).ReadyAsync();
    }

    [Fact]
    public async Task A_case_opened_on_one_gateway_alerts_a_subscriber_connected_to_another_through_redis()
    {
        // The subscriber's gateway hands no alerts out itself: the other gateway's sink must send
        // them, and only the Redis batch relay can carry them to this connection.
        await _near!.Services.GetRequiredService<SinkRegistration>().StopAsync(CancellationToken.None);
        using var near = _near.CreateClient();
        var subscribed = await near.PostAsJsonAsync("/api/subscribers", new { lat = Skopje.Lat, lon = Skopje.Lon, watchRadiusKm = 5, language = "en" });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var subscriber = await subscribed.Content.ReadFromJsonAsync<JsonElement>();
        await using var hub = await _near.ConnectHubAsync(subscriber.GetProperty("token").GetString()!);
        var alert = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("alert", message => alert.TrySetResult(message));

        using var far = await ClusterCalls.SupervisorClient(_far!);
        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(far);

        var received = await alert.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(caseId, received.GetProperty("caseId").GetString());
        Assert.Equal("new", received.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_case_and_its_sighting_survive_the_silo_being_killed_and_started_again()
    {
        using var far = await ClusterCalls.SupervisorClient(_far!);
        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(far);
        var sighting = await far.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new
        {
            lat = Skopje.Lat + 0.01, lon = Skopje.Lon, seenAt = DateTimeOffset.UtcNow, description = "at the bus stop",
        });
        Assert.Equal(HttpStatusCode.Accepted, sighting.StatusCode);
        var sightingId = (await sighting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var (siloPort, gatewayPort) = (_silo!.SiloPort, _silo.GatewayPort);
        await _silo.DisposeAsync();
        _silo = await SiloProcess.StartAsync(_redis!, _clusterId, siloPort, gatewayPort);

        // A gateway started now knows only the new silo, which reads the case back from Redis.
        await using var later = await new ClientGateway(_redis!, _clusterId).ReadyAsync();
        using var client = await ClusterCalls.SupervisorClient(later);
        var read = await client.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ana", body.GetProperty("child").GetProperty("name").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal(sightingId, Assert.Single(body.GetProperty("sightings").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task A_photo_uploaded_through_one_gateway_is_served_by_the_other_and_gone_there_once_resolved()
    {
        using var far = await ClusterCalls.SupervisorClient(_far!);
        using var near = _near!.CreateClient();
        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(far);
        using var form = EarlyWarning.Gateway.Tests.Photos.TestImages.Form(EarlyWarning.Gateway.Tests.Photos.TestImages.Jpeg());
        var uploaded = await far.PostAsync($"/api/cases/{caseId}/photo", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoUrl").GetString()!;

        // The bytes live in the cluster's grain storage (Redis), not in the gateway that took them.
        var fromFar = await (await far.GetAsync(url)).Content.ReadAsByteArrayAsync();
        var fromNear = await near.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, fromNear.StatusCode);
        Assert.Equal(fromFar, await fromNear.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, (await far.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await near.GetAsync(url)).StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task The_clusters_redis_refuses_a_client_without_its_password()
    {
        // So the other tests here, which pass, reached it with the password in their connection
        // strings. A plain RESP command over a socket: no client library's retries or timeouts.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _redis!.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync("GET any\r\n"u8.ToArray());
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("-NOAUTH", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_second_cluster_on_the_same_redis_does_not_hear_the_first_ones_control_room()
    {
        // Staging beside production on one Redis: its own silo, gateway and control room.
        var stagingId = $"ew-staging-{Guid.NewGuid():N}";
        await using var stagingSilo = await SiloProcess.StartAsync(_redis!, stagingId);
        await using var staging = await new ClientGateway(_redis!, stagingId).ReadyAsync();
        using var stagingClient = staging.CreateClient();
        await using var stagingRoom = await staging.ConnectHubAsync(await ApiCalls.Token(stagingClient));
        var heardInStaging = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        stagingRoom.On<JsonElement>("caseUpdated", c => heardInStaging.TrySetResult(c));

        using var far = await ClusterCalls.SupervisorClient(_far!);
        await using var productionRoom = await _far!.ConnectHubAsync(await ApiCalls.Token(far));
        var heardInProduction = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        productionRoom.On<JsonElement>("caseUpdated", c => heardInProduction.TrySetResult(c));
        using var nearClient = _near!.CreateClient();
        await using var nearRoom = await _near.ConnectHubAsync(await ApiCalls.Token(nearClient));
        var heardOnTheOtherGateway = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        nearRoom.On<JsonElement>("caseUpdated", c => heardOnTheOtherGateway.TrySetResult(c));

        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(far);

        // The backplane carried it to production's other gateway, so it was published; staging
        // shares that Redis and must not have it.
        Assert.Equal(caseId, (await heardInProduction.Task.WaitAsync(TimeSpan.FromSeconds(30))).GetProperty("id").GetString());
        Assert.Equal(caseId, (await heardOnTheOtherGateway.Task.WaitAsync(TimeSpan.FromSeconds(30))).GetProperty("id").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(heardInStaging.Task.IsCompleted, "staging's control room received production's case");
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
