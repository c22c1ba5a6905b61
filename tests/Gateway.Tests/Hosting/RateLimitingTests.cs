using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>Every test uses its own client address (127.0.0.N), so the shared gateway's partitions never mix.</summary>
public sealed class RateLimitingTests(LowRateLimitGateway gateway) : IClassFixture<LowRateLimitGateway>
{
    [Fact]
    public async Task Token_requests_beyond_the_limit_are_429_problem_details_with_retry_after()
    {
        using var client = gateway.ClientFrom("127.0.0.11");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i <= LowRateLimitGateway.Limit; i++)
        {
            last = await client.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "operator-demo" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await AssertTooManyRequestsProblem(last);
    }

    [Fact]
    public async Task Subscriptions_beyond_the_limit_are_429_while_other_subscriber_routes_are_not_limited()
    {
        using var anonymous = gateway.ClientFrom("127.0.0.12");
        var (_, token) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        await Requests.Subscribe(anonymous, 41.99, 21.43);

        var third = await anonymous.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });
        using var subscriber = gateway.ClientFrom("127.0.0.12", token);
        var moves = new List<HttpStatusCode>();
        for (var i = 0; i <= LowRateLimitGateway.Limit + 1; i++)
        {
            moves.Add((await subscriber.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.5, lon = 21.5 })).StatusCode);
        }

        await AssertTooManyRequestsProblem(third);
        Assert.All(moves, status => Assert.Equal(HttpStatusCode.NoContent, status));
    }

    [Fact]
    public async Task Anonymous_sightings_beyond_the_limit_are_429_problem_details()
    {
        var caseId = await OpenPublicCase("127.0.0.13");
        using var anonymous = gateway.ClientFrom("127.0.0.14");

        var statuses = await ReportSightings(anonymous, caseId, LowRateLimitGateway.Limit);
        var rejected = await anonymous.PostAsJsonAsync($"/api/cases/{caseId}/sightings", Sighting());

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        await AssertTooManyRequestsProblem(rejected);
    }

    [Fact]
    public async Task A_public_subscriber_token_is_limited_like_an_anonymous_caller()
    {
        var caseId = await OpenPublicCase("127.0.0.15");
        using var anonymous = gateway.ClientFrom("127.0.0.16");
        var (_, token) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        using var subscriber = gateway.ClientFrom("127.0.0.16", token);

        var statuses = await ReportSightings(subscriber, caseId, LowRateLimitGateway.Limit + 1);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("field1", "field-demo", "127.0.0.17")]
    [InlineData("operator", "operator-demo", "127.0.0.18")]
    [InlineData("supervisor", "supervisor-demo", "127.0.0.19")]
    public async Task Field_and_control_room_sightings_are_not_limited(string username, string password, string clientIp)
    {
        var caseId = await OpenPublicCase(clientIp);
        using var reporter = gateway.ClientFrom(clientIp, await gateway.TokenFor(username, password, clientIp));

        var statuses = await ReportSightings(reporter, caseId, LowRateLimitGateway.Limit * 3);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
    }

    [Fact]
    public async Task Limits_are_counted_per_client_address()
    {
        using var first = gateway.ClientFrom("127.0.0.20");
        using var second = gateway.ClientFrom("127.0.0.21");
        for (var i = 0; i < LowRateLimitGateway.Limit; i++)
        {
            await first.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "wrong" });
        }

        var firstAgain = await first.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "wrong" });
        var fromSecond = await second.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "wrong" });

        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fromSecond.StatusCode);
    }

    [Fact]
    public async Task A_limit_below_one_refuses_to_start()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b => b.UseSetting("RateLimits:TokenRequests", "0"));

        var error = Record.Exception(() => app.Server);

        Assert.Contains(StartupChecksTests.Chain(error), e => e is OptionsValidationException && e.Message.Contains("TokenRequests", StringComparison.Ordinal));
    }

    private async Task<string> OpenPublicCase(string clientIp)
    {
        using var supervisor = gateway.ClientFrom(clientIp, await gateway.TokenFor("supervisor", "supervisor-demo", clientIp));
        var created = await Requests.OpenCase(supervisor, "Ana", Requests.Skopje.Lat, Requests.Skopje.Lon, level: "public");
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<List<HttpStatusCode>> ReportSightings(HttpClient client, string caseId, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await client.PostAsJsonAsync($"/api/cases/{caseId}/sightings", Sighting())).StatusCode);
        }

        return statuses;
    }

    private static object Sighting() => new
    {
        lat = Requests.Skopje.Lat,
        lon = Requests.Skopje.Lon,
        seenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        description = "near the bus station",
    };

    private static async Task AssertTooManyRequestsProblem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var problem = await Requests.Problem(response);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
    }
}
