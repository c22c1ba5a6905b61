using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Silo.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace EarlyWarning.Silo.Tests.Outages;

/// <summary>
/// Issue 15, "outages answered honestly": Redis (an append-only file, as production keeps it) or
/// every silo taken away under a client-mode gateway. Requests that need the cluster get 503
/// problems with <c>Retry-After</c> at once, readiness follows the cluster, the hub refuses new
/// connections with the reason, and everything acknowledged before is there after.
/// </summary>
[Trait("Category", "Distributed")]
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class OutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>What the issue allows a request to take while the cluster is down.</summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(2);

    private readonly string _clusterId = $"ew-outage-{Guid.NewGuid():N}";
    private RedisServer? _redis;
    private SiloProcess? _silo;
    private ClientGateway? _gateway;
    private TimeSpan _slowestRefusal;

    public async Task InitializeAsync()
    {
        try
        {
            _redis = await RedisServer.StartAsync(password: $"pw-{Guid.NewGuid():N}", persistent: true);
            _silo = await SiloProcess.StartAsync(_redis, _clusterId);
            // Every outage here closes the subscribers' sockets on recovery, however short (a silo
            // restarts in less than the default 30 s): the closing is the subject.
            _gateway = await new ClientGateway(_redis, _clusterId, ("Outages:SubscriberResyncAfter", "00:00:00")).ReadyAsync();
        }
        catch
        {
            // xunit does not dispose a class whose initialisation failed: the processes go now.
            await DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Redis_stopped_for_20_s_gets_503s_at_once_and_everything_acknowledged_before_is_there_after()
    {
        using var supervisor = await ClusterCalls.SupervisorClient(_gateway!);
        using var anonymous = _gateway!.CreateClient();
        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(supervisor);
        Assert.Equal(HttpStatusCode.Accepted, (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", ClusterCalls.SightingNearSkopje("before-outage"))).StatusCode);
        var (_, subscriberToken) = await ClusterCalls.SubscribeInSkopje(anonymous);
        using var subscriber = Bearer(_gateway.CreateClient(), subscriberToken);

        await _redis!.StopAsync();
        var outage = Stopwatch.StartNew();
        var noticed = await _gateway.UnreadyAsync(within: TimeSpan.FromSeconds(5));
        Assert.True(noticed < Fast, $"/healthz/ready turned 503 only {noticed} after Redis stopped");

        // Every route that needs the cluster, again and again for 20 s: each answered at once.
        do
        {
            await AssertRefusedEverywhere(supervisor, anonymous, subscriber, caseId);
            await AssertServedWithoutTheCluster(anonymous);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        while (outage.Elapsed < TimeSpan.FromSeconds(20));

        await _redis.RestartAsync();
        var back = Stopwatch.StartNew();
        await _gateway.ReadyAsync();
        output.WriteLine($"Redis stopped: ready 503 after {noticed.TotalMilliseconds:0} ms, slowest refusal {_slowestRefusal.TotalMilliseconds:0} ms; ready again {back.ElapsedMilliseconds} ms after Redis restarted.");
        Assert.Equal(HttpStatusCode.Accepted, (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", ClusterCalls.SightingNearSkopje("after-outage"))).StatusCode);

        // Read back from Redis's file, not a live activation: the silo is started again first.
        var (siloPort, gatewayPort) = (_silo!.SiloPort, _silo.GatewayPort);
        await _silo.DisposeAsync();
        await _gateway.UnreadyAsync(within: TimeSpan.FromSeconds(5));
        _silo = await SiloProcess.StartAsync(_redis, _clusterId, siloPort, gatewayPort);
        await _gateway.ReadyAsync();
        var read = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("active", read.GetProperty("status").GetString());
        Assert.Equal(["after-outage", "before-outage"],
            read.GetProperty("sightings").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var cases = await supervisor.GetFromJsonAsync<JsonElement>("/api/cases");
        Assert.Equal(caseId, Assert.Single(cases.EnumerateArray()).GetProperty("id").GetString());

        // The subscriber made before still authenticates, and its ledger still holds the alert.
        var alerts = await subscriber.GetFromJsonAsync<JsonElement>("/api/subscribers/me/alerts");
        Assert.Equal(caseId, Assert.Single(alerts.EnumerateArray()).GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task Every_silo_killed_gets_503s_at_once_and_requests_work_again_when_a_silo_starts()
    {
        using var supervisor = await ClusterCalls.SupervisorClient(_gateway!);
        using var anonymous = _gateway!.CreateClient();
        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(supervisor);
        var (_, subscriberToken) = await ClusterCalls.SubscribeInSkopje(anonymous);
        using var subscriber = Bearer(_gateway.CreateClient(), subscriberToken);

        var (siloPort, gatewayPort) = (_silo!.SiloPort, _silo.GatewayPort);
        await _silo.DisposeAsync();
        var noticed = await _gateway.UnreadyAsync(within: TimeSpan.FromSeconds(5));
        Assert.True(noticed < Fast, $"/healthz/ready turned 503 only {noticed} after the silo was killed");
        await AssertRefusedEverywhere(supervisor, anonymous, subscriber, caseId);
        await AssertServedWithoutTheCluster(anonymous);

        _silo = await SiloProcess.StartAsync(_redis!, _clusterId, siloPort, gatewayPort);
        var back = Stopwatch.StartNew();
        await _gateway.ReadyAsync();
        output.WriteLine($"Silo killed: ready 503 after {noticed.TotalMilliseconds:0} ms, slowest refusal {_slowestRefusal.TotalMilliseconds:0} ms; ready again {back.ElapsedMilliseconds} ms after the silo was active.");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", ClusterCalls.SightingNearSkopje("after-restart"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await subscriber.GetAsync("/api/subscribers/me/alerts")).StatusCode);
    }

    [Fact]
    public async Task A_hub_connect_while_every_silo_is_down_is_refused_with_the_reason_and_succeeds_once_one_is_back()
    {
        using var anonymous = _gateway!.CreateClient();
        var (_, token) = await ClusterCalls.SubscribeInSkopje(anonymous);
        await using var before = await _gateway.ConnectHubAsync(token);
        var closedAfterTheOutage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        before.Closed += _ => Task.FromResult(closedAfterTheOutage.TrySetResult());

        var (siloPort, gatewayPort) = (_silo!.SiloPort, _silo.GatewayPort);
        await _silo.DisposeAsync();
        await _gateway.UnreadyAsync(within: TimeSpan.FromSeconds(5));

        // What any client reads from the negotiate the SignalR client sends first.
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"/hubs/alerts/negotiate?negotiateVersion=1&access_token={token}");
        var refused = await AssertUnavailable(() => anonymous.SendAsync(negotiate));
        Assert.Contains("live hub takes no new connections", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _gateway.ConnectHubAsync(token));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        // A connection opened before is kept through the outage...
        Assert.Equal(HubConnectionState.Connected, before.State);

        _silo = await SiloProcess.StartAsync(_redis!, _clusterId, siloPort, gatewayPort);
        await _gateway.ReadyAsync();
        await using var after = await _gateway.ConnectHubAsync(token);
        Assert.Equal(HubConnectionState.Connected, after.State);
        // ...and closed once the cluster is back, so that its client reconnects and reads what it missed.
        await closedAfterTheOutage.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var caughtUp = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/subscribers/me/alerts") { Headers = { Authorization = new("Bearer", token) } });
        Assert.Equal(HttpStatusCode.OK, caughtUp.StatusCode);
    }

    /// <summary>A request to each route that needs the cluster: a 503 problem with Retry-After, within 2 s, nothing done.</summary>
    private async Task AssertRefusedEverywhere(HttpClient supervisor, HttpClient anonymous, HttpClient subscriber, string caseId)
    {
        await AssertUnavailable(() => supervisor.GetAsync("/api/cases"));
        await AssertUnavailable(() => supervisor.GetAsync($"/api/cases/{caseId}"));
        await AssertUnavailable(() => supervisor.GetAsync($"/api/cases/{caseId}/zone"));
        await AssertUnavailable(() => supervisor.PostAsJsonAsync("/api/cases", ClusterCalls.CaseInSkopje()));
        await AssertUnavailable(() => supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", ClusterCalls.SightingNearSkopje("during-outage")));
        await AssertUnavailable(() => supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" }));
        await AssertUnavailable(() => anonymous.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" }));
        await AssertUnavailable(() => subscriber.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.99, lon = 21.42 }));
        await AssertUnavailable(() => subscriber.GetAsync("/api/subscribers/me/alerts"));
        await AssertUnavailable(() => anonymous.GetAsync($"/api/cap/{caseId}"));
    }

    /// <summary>What needs no cluster keeps working: liveness, the pages, the push key.</summary>
    private static async Task AssertServedWithoutTheCluster(HttpClient anonymous)
    {
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/public")).StatusCode);
        Assert.True((int)(await anonymous.GetAsync("/api/push/key")).StatusCode < 500);
    }

    private async Task<JsonElement> AssertUnavailable(Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.StartNew();
        using var response = await send();
        var took = started.Elapsed;
        _slowestRefusal = took > _slowestRefusal ? took : _slowestRefusal;
        var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}";
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.True(took < Fast, $"{what} took {took}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{what} has no Retry-After");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("not-applied", problem.GetProperty("outcome").GetString());
        return problem;
    }

    private static HttpClient Bearer(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
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
