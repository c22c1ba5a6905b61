using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Silo.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Silo.Tests.Cluster;

/// <summary>
/// <c>scripts/cluster.sh start --silos 2 --gateways 2</c> on a clean folder, then used as a control
/// room and a phone would: over real HTTP and WebSockets, to whichever gateway they reach.
/// </summary>
[Trait("Category", "Distributed")]
[Collection(OneClusterAtATime.Name)]
public sealed class ClusterScriptTests(ClusterScriptTests.TwoByTwo cluster) : IClassFixture<ClusterScriptTests.TwoByTwo>
{
    private static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    /// <summary>One cluster for the class: starting one takes most of a minute here.</summary>
    public sealed class TwoByTwo : IAsyncLifetime
    {
        public ClusterScript Script { get; private set; } = null!;

        public async Task InitializeAsync() => Script = await ClusterScript.StartAsync(silos: 2, gateways: 2);

        public async Task DisposeAsync() => await Script.DisposeAsync();
    }

    private ClusterScript Script => cluster.Script;

    [Fact]
    public async Task A_case_opened_through_gateway_1_is_read_through_gateway_2_with_the_token_gateway_1_issued()
    {
        var token = await Script.SignInAsync(1, "supervisor", "supervisor-demo");
        using var first = Script.Client(1, token);
        using var second = Script.Client(2, token);

        var caseId = await OpenCase(first, "Ana");
        using var read = await second.GetAsync($"/api/cases/{caseId}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Ana", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("child").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_alert_raised_through_gateway_1_reaches_a_websocket_client_of_gateway_2_that_skipped_negotiation()
    {
        using var phone = Script.Client(2);
        using var subscribed = await phone.PostAsJsonAsync("/api/subscribers", new { lat = Skopje.Lat, lon = Skopje.Lon, watchRadiusKm = 5, language = "en" });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var subscriberToken = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        // As the pages connect: WebSockets only, no negotiate round trip, so no sticky session is needed.
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Script.Gateway(2), "/hubs/alerts"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult(subscriberToken);
            })
            .Build();
        // Other tests here open cases in Skopje too: this one waits for its own case's alert.
        var alerts = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        hub.On<JsonElement>("alert", alerts.Enqueue);
        await hub.StartAsync();

        using var controlRoom = Script.Client(1, await Script.SignInAsync(1, "supervisor", "supervisor-demo"));
        var caseId = await OpenCase(controlRoom, "Ena");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!alerts.Any(a => a.GetProperty("caseId").GetString() == caseId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var received = Assert.Single(alerts, a => a.GetProperty("caseId").GetString() == caseId);
        Assert.Equal("new", received.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_to_both_gateways_at_once_opens_one_case()
    {
        var token = await Script.SignInAsync(2, "supervisor", "supervisor-demo");
        using var first = Script.Client(1, token);
        using var second = Script.Client(2, token);
        var name = $"Iva {Guid.NewGuid():N}"[..16];
        var key = $"cluster-{Guid.NewGuid():N}";

        var body = CaseBody(name);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostWithKey(i % 2 == 0 ? first : second, body, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Location).Distinct());
        Assert.Single(answers.Select(a => a.Body).Distinct());
        var list = await second.GetFromJsonAsync<JsonElement>("/api/cases");
        Assert.Single(list.EnumerateArray(), c => c.GetProperty("childName").GetString() == name);
    }

    [Fact]
    public async Task The_dashboard_shows_both_silos_to_a_supervisor_and_refuses_an_operator_and_anyone_without_a_token()
    {
        using var supervisor = Script.Client(2, await Script.SignInAsync(2, "supervisor", "supervisor-demo"));
        using var @operator = Script.Client(2, await Script.SignInAsync(2, "operator", "operator-demo"));
        using var anonymous = Script.Client(2);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var hosts = 0;
        while (hosts != Script.Silos && DateTime.UtcNow < deadline)
        {
            var counters = await supervisor.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters");
            hosts = counters.GetProperty("totalActiveHostCount").GetInt32();
            await Task.Delay(hosts == Script.Silos ? 0 : 500);
        }

        Assert.Equal(Script.Silos, hosts);
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Status_shows_redis_every_silo_and_every_gateway_up_and_ready()
    {
        var (exit, output) = await Script.RunAsync("status");

        Assert.True(exit == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "redis", "silo-1", "silo-2", "gateway-1", "gateway-2" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Contains(" up ", line, StringComparison.Ordinal);
        }

        Assert.Equal(2, lines.Count(l => l.Contains("/healthz/ready: 200", StringComparison.Ordinal)));
    }

    private static object CaseBody(string name) => new
    {
        child = new { name, age = 9, description = "red jacket, blue backpack" },
        lastSeen = new { lat = Skopje.Lat, lon = Skopje.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
        travelMode = "walking",
        level = "public",
    };

    private static async Task<string> OpenCase(HttpClient supervisor, string name)
    {
        using var opened = await supervisor.PostAsJsonAsync("/api/cases", CaseBody(name));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, Uri? Location, string Body)> PostWithKey(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location, await response.Content.ReadAsStringAsync());
    }
}
