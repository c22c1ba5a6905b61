using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Tests.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Auth;

/// <summary>
/// Sign-in lock-outs through the gateway. Requests come from no address (as through one proxy) unless
/// a test names one: a lock-out holds for one account from one address.
/// </summary>
[Trait("Category", "Security")]
public sealed class SignInLockoutTests : ConfiguredGatewayTests
{
    private const int MaxFailures = 4;

    protected override void Configure(IWebHostBuilder builder) => builder
        .UseSetting("SignIn:MaxFailures", MaxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .ConfigureServices(s => s.AddSingleton<IStartupFilter, LowRateLimitGateway.ClientAddressFromHeader>());

    [Fact]
    public async Task One_accounts_lockout_refuses_even_its_right_password_and_leaves_the_others_signing_in()
    {
        using var client = App.CreateClient();
        for (var i = 0; i < MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "operator", "guess-" + i)).StatusCode);
        }

        var locked = await SignIn(client, "operator", "operator-demo");
        var supervisor = await SignIn(client, "supervisor", "supervisor-demo");
        var field = await SignIn(client, "field1", "field-demo");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(429, (await Requests.Problem(locked)).GetProperty("status").GetInt32());
        var retryAfter = int.Parse(Assert.Single(locked.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 60, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, supervisor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, field.StatusCode);
    }

    [Fact]
    public async Task A_guesser_locks_an_account_for_its_own_address_only_and_the_owner_elsewhere_still_signs_in()
    {
        using var guesser = From("127.0.0.50");
        using var owner = From("127.0.0.51");
        for (var i = 0; i < MaxFailures; i++)
        {
            await SignIn(guesser, "supervisor", "guess-" + i);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn(guesser, "supervisor", "supervisor-demo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(owner, "supervisor", "supervisor-demo")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_spread_over_many_accounts_lock_none_of_them()
    {
        using var client = App.CreateClient();
        foreach (var username in new[] { "field2", "field3", "field4", "field5", "nobody" })
        {
            for (var i = 0; i < MaxFailures - 1; i++)
            {
                await SignIn(client, username, "guess-" + i);
            }
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var username in new[] { "field2", "field3", "field4", "field5" })
        {
            statuses.Add((await SignIn(client, username, "field-demo")).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    private HttpClient From(string address)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add(LowRateLimitGateway.ClientIpHeader, address);
        return client;
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { username, password });
}
