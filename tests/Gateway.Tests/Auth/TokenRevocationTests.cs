using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Auth;

/// <summary>Tokens whose signature is still good but whose holder is gone: a deleted subscription, a removed or changed account.</summary>
[Trait("Category", "Security")]
public sealed class TokenRevocationTests : ConfiguredGatewayTests
{
    private static readonly string AnaHash = PasswordHasher.Hash("ana-password-1");
    private static readonly string BoroHash = PasswordHasher.Hash("boro-password-1");

    private readonly MutableConfiguration _configuration = new();

    public TokenRevocationTests()
    {
        _configuration.Replace(Accounts(("ana", AnaHash, "operator"), ("boro", BoroHash, "supervisor")));
    }

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureAppConfiguration((_, config) => config.Add(_configuration));

    [Fact]
    public async Task A_deleted_subscribers_token_gets_401_on_every_route_and_the_hub()
    {
        using var anonymous = App.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        using var subscriber = WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await subscriber.GetAsync("/api/subscribers/me/alerts")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await subscriber.DeleteAsync("/api/subscribers/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await subscriber.GetAsync("/api/subscribers/me/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await subscriber.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.5, lon = 21.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await subscriber.DeleteAsync("/api/subscribers/me")).StatusCode);
        var hub = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectHub(token));
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
    }

    [Fact]
    public async Task An_account_removed_from_configuration_is_refused_at_once_and_the_others_still_work()
    {
        using var ana = WithToken(await TokenFor("ana", "ana-password-1"));
        using var boro = WithToken(await TokenFor("boro", "boro-password-1"));
        var anaToken = await TokenFor("ana", "ana-password-1");
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync("/api/cases")).StatusCode);

        _configuration.Replace(Accounts(("boro", BoroHash, "supervisor")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ana.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await boro.GetAsync("/api/cases")).StatusCode);
        var hub = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectHub(anaToken));
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
        using var anonymous = App.CreateClient();
        var signIn = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "ana", password = "ana-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task A_new_password_or_role_refuses_the_tokens_issued_before()
    {
        using var ana = WithToken(await TokenFor("ana", "ana-password-1"));
        using var boro = WithToken(await TokenFor("boro", "boro-password-1"));

        _configuration.Replace(Accounts(("ana", PasswordHasher.Hash("ana-password-2"), "operator"), ("boro", BoroHash, "operator")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ana.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await boro.GetAsync("/api/cases")).StatusCode);
        using var renewed = WithToken(await TokenFor("ana", "ana-password-2"));
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/cases")).StatusCode);
    }

    [Fact]
    public async Task A_removed_or_changed_accounts_open_hub_connection_is_closed_and_the_others_stay()
    {
        var ana = await ConnectHub(await TokenFor("ana", "ana-password-1"));
        var boro = await ConnectHub(await TokenFor("boro", "boro-password-1"));
        var supervisor = await ConnectHub(await TokenFor("supervisor", "supervisor-demo"));
        var anaClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ana.Closed += _ =>
        {
            anaClosed.TrySetResult();
            return Task.CompletedTask;
        };

        // Ana's password changes; Boro and the demo supervisor are as they were.
        _configuration.Replace(Accounts(("ana", PasswordHasher.Hash("ana-password-2"), "operator"), ("boro", BoroHash, "supervisor")));

        await anaClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, ana.State);
        Assert.Equal(HubConnectionState.Connected, boro.State);
        Assert.Equal(HubConnectionState.Connected, supervisor.State);
        await boro.DisposeAsync();
        await supervisor.DisposeAsync();
    }

    [Fact]
    public async Task Demo_accounts_keep_their_tokens_across_a_reload()
    {
        using var supervisor = WithToken(await TokenFor("supervisor", "supervisor-demo"));

        _configuration.Replace(Accounts(("boro", BoroHash, "supervisor")));

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/cases")).StatusCode);
    }

    private static Dictionary<string, string?> Accounts(params (string Username, string Hash, string Role)[] accounts) =>
        ConfiguredAccounts.Settings(accounts);

    private HttpClient WithToken(string token)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> TokenFor(string username, string password)
    {
        using var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.AccessToken;
    }

    private async Task<HubConnection> ConnectHub(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(App.Server.BaseAddress, "/hubs/alerts"), o =>
            {
                o.HttpMessageHandlerFactory = _ => App.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
