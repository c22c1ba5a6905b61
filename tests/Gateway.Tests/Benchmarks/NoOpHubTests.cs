using System.Net;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Benchmarks;

/// <summary>
/// Issue 15, item 9: the no-op hub that benchmarks/loadgen.sh measures SignalR's own ingest
/// ceiling with exists only when a benchmark asks for it, and never outside Development.
/// </summary>
public sealed class NoOpHubTests
{
    private const string GoodKey = "0123456789abcdef0123456789abcdef";

    [Fact]
    [Trait("Category", "Security")]
    public async Task Without_the_benchmark_setting_the_no_op_hub_is_not_there()
    {
        await using var app = new GatewayFactory();
        using var client = app.CreateClient();
        var (_, token) = await Requests.Subscribe(client, Requests.Skopje.Lat, Requests.Skopje.Lon);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/noop/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var response = await client.SendAsync(negotiate);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_the_benchmark_setting_a_subscriber_calls_UpdateLocation_on_the_no_op_hub()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b => b.UseSetting("Benchmarks:NoOpHub", "true"));
        using var client = app.CreateClient();
        var (_, token) = await Requests.Subscribe(client, Requests.Skopje.Lat, Requests.Skopje.Lon);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/noop"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync();

        // Completes without error, as the alert hub's UpdateLocation does for the same arguments.
        await connection.InvokeAsync("UpdateLocation", Requests.Tetovo.Lat, Requests.Tetovo.Lon);

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task The_benchmark_setting_outside_development_refuses_to_start()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Auth:SigningKey", GoodKey);
            b.UseSetting("Auth:Accounts:0:Username", "duty-officer");
            b.UseSetting("Auth:Accounts:0:PasswordHash", PasswordHasher.Hash("a-real-password"));
            b.UseSetting("Auth:Accounts:0:Role", Roles.Operator);
            b.UseSetting("Benchmarks:NoOpHub", "true");
        });

        var error = Record.Exception(() => app.Server);

        Assert.Contains(StartupChecksTests.Chain(error), e => e is InvalidOperationException && e.Message.Contains("Benchmarks:NoOpHub", StringComparison.Ordinal));
    }
}
