using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Alerts;

[Trait("Category", "Security")]
public sealed class HubTokenExpiryTests
{
    [Fact]
    public async Task A_hub_connection_is_closed_when_its_token_expires()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b => b.UseSetting("Auth:AccessTokenLifetime", "00:00:03"));
        using var client = app.CreateClient();
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/auth/token", new { username = "field1", password = "field-demo" });
        var token = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<EarlyWarning.Gateway.Auth.TokenResponse>(response.Content, Json.Options))!;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/alerts"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token.AccessToken);
            })
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        // The token lives 3 s; the server checks connections once a second.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        // A JWT's exp is in whole seconds: the token ends at the second before expiresAt.
        Assert.True(DateTimeOffset.UtcNow >= token.ExpiresAt.AddSeconds(-1), "closed before the token expired");
        await connection.DisposeAsync();
    }
}
