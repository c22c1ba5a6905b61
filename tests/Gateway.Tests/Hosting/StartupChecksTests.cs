using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>Issue 5, item 2: outside Development (and without --demo) start-up refuses an unsafe configuration.</summary>
public sealed class StartupChecksTests
{
    private const string GoodKey = "0123456789abcdef0123456789abcdef"; // 32 bytes

    [Fact]
    public async Task Production_without_a_signing_key_refuses_to_start()
    {
        await using var root = new GatewayFactory();
        await using var app = Production(root);

        var error = Record.Exception(() => app.Server);

        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains("Auth:SigningKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_with_a_signing_key_shorter_than_32_bytes_refuses_to_start()
    {
        await using var root = new GatewayFactory();
        await using var app = Production(root, ("Auth:SigningKey", GoodKey[..31]));

        var error = Record.Exception(() => app.Server);

        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains("at least 32 bytes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("operator-demo")]
    [InlineData("supervisor-demo")]
    [InlineData("field-demo")]
    public async Task Production_with_an_account_using_a_demo_password_refuses_to_start(string demoPassword)
    {
        await using var root = new GatewayFactory();
        await using var app = Production(root, [("Auth:SigningKey", GoodKey), .. Account("duty-officer", demoPassword)]);

        var error = Record.Exception(() => app.Server);

        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains("demo password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_with_a_key_and_a_hashed_account_issues_its_token_and_refuses_the_demo_accounts()
    {
        await using var root = new GatewayFactory();
        await using var app = Production(root, [("Auth:SigningKey", GoodKey), .. Account("duty-officer", "a-real-password")]);
        using var client = app.CreateClient();

        var real = await client.PostAsJsonAsync("/api/auth/token", new { username = "duty-officer", password = "a-real-password" });
        var demo = await client.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "operator-demo" });

        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal("operator", (await real.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.Role);
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
        await Requests.Problem(demo);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Demo_outside_development_refuses_to_start_unless_explicitly_allowed()
    {
        await using var root = new GatewayFactory();
        await using var app = Production(root, [("Auth:SigningKey", GoodKey), .. Account("duty-officer", "a-real-password"), ("Demo:Enabled", "true")]);

        var error = Record.Exception(() => app.Server);

        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains("Demo:AllowOutsideDevelopment", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Demo_in_client_mode_refuses_to_start_even_in_development()
    {
        await using var root = new GatewayFactory();

        // Refused while the host is built, before any connection to this (closed) loopback port.
        await using var app = root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Orleans:Mode", "client");
            b.UseSetting("Orleans:RedisConnectionString", "127.0.0.1:1");
            b.UseSetting("Demo:Enabled", "true");
        });

        var error = Record.Exception(() => app.Server);

        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains("embedded mode", StringComparison.Ordinal));
    }

    /// <summary>The exception and everything it wraps (the host may wrap start-up failures).</summary>
    internal static IEnumerable<Exception> Chain(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static WebApplicationFactory<Program> Production(GatewayFactory root, params (string Key, string Value)[] settings) =>
        root.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    private static (string, string)[] Account(string username, string password) =>
    [
        ("Auth:Accounts:0:Username", username),
        ("Auth:Accounts:0:PasswordHash", PasswordHasher.Hash(password)),
        ("Auth:Accounts:0:Role", Roles.Operator),
    ];
}
