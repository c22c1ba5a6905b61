using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EarlyWarning.Silo.Tests.Infrastructure;

namespace EarlyWarning.Silo.Tests.Cluster;

/// <summary><c>scripts/cluster.sh stop</c> and a second <c>start</c> on the same folder.</summary>
[Trait("Category", "Distributed")]
[Collection(OneClusterAtATime.Name)]
public sealed class ClusterScriptStopTests
{
    [Fact]
    public async Task Stop_leaves_no_process_or_port_behind_and_the_next_start_finds_the_cases_in_redis_aof()
    {
        await using var cluster = await ClusterScript.StartAsync(silos: 2, gateways: 1);
        var started = cluster.Pids();
        Assert.Equal(["gateway-1", "redis", "silo-1", "silo-2"], started.Keys.Order(StringComparer.Ordinal));
        Assert.All(started.Values, pid => Assert.True(ClusterScript.IsAlive(pid)));
        var caseId = await OpenCase(cluster);

        var (exit, output) = await cluster.RunAsync("stop");

        Assert.True(exit == 0, output);
        Assert.All(started, p => Assert.False(ClusterScript.IsAlive(p.Value), $"{p.Key} (pid {p.Value}) still runs"));
        Assert.Empty(cluster.Pids());
        Assert.False(Listening(cluster.RedisPort), "Redis still listens");
        Assert.False(Listening(cluster.Gateway(1).Port), "the gateway still listens");
        var (statusExit, _) = await cluster.RunAsync("status");
        Assert.NotEqual(0, statusExit);

        // The same folder again: Redis reads its AOF back, the password and signing key are the same.
        var (again, againOutput) = await cluster.RunAsync("start", "--silos", "1", "--gateways", "1");
        Assert.True(again == 0, againOutput);
        using var client = cluster.Client(1, await cluster.SignInAsync(1, "supervisor", "supervisor-demo"));
        using var read = await client.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static async Task<string> OpenCase(ClusterScript cluster)
    {
        using var client = cluster.Client(1, await cluster.SignInAsync(1, "supervisor", "supervisor-demo"));
        using var opened = await client.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Mia", age = 7, description = "green coat" },
            lastSeen = new { lat = 41.9981, lon = 21.4254, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
            travelMode = "walking",
            level = "internal",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
