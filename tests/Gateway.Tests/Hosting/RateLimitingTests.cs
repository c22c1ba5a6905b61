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
    public async Task Subscriptions_beyond_the_limit_are_429_while_the_subscribers_own_routes_are_not_counted_with_them()
    {
        using var anonymous = gateway.ClientFrom("127.0.0.12");
        var (_, token) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        await Requests.Subscribe(anonymous, 41.99, 21.43);

        var third = await anonymous.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });
        using var subscriber = gateway.ClientFrom("127.0.0.12", token);
        var moves = await Move(subscriber, LowRateLimitGateway.Limit);
        var alerts = await subscriber.GetAsync("/api/subscribers/me/alerts");

        await AssertTooManyRequestsProblem(third);
        Assert.All(moves, status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Location_updates_are_limited_per_subscriber_not_per_address()
    {
        using var anonymous = gateway.ClientFrom("127.0.0.22");
        var (_, first) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        var (_, second) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        using var one = gateway.ClientFrom("127.0.0.22", first);
        using var other = gateway.ClientFrom("127.0.0.22", second);

        var moves = await Move(one, LowRateLimitGateway.Limit + 1);
        var othersMoves = await Move(other, LowRateLimitGateway.Limit);

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], moves);
        Assert.All(othersMoves, status => Assert.Equal(HttpStatusCode.NoContent, status));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_subscribers_other_own_routes_share_a_limit_per_subscriber_apart_from_locations()
    {
        using var anonymous = gateway.ClientFrom("127.0.0.25");
        var (_, first) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        var (_, second) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        using var one = gateway.ClientFrom("127.0.0.25", first);
        using var other = gateway.ClientFrom("127.0.0.25", second);

        // Flipping exercises, then a catch-up: one bucket for the routes together.
        HttpStatusCode[] statuses =
        [
            (await one.PutAsJsonAsync("/api/subscribers/me/exercises", new { exercises = true })).StatusCode,
            (await one.PutAsJsonAsync("/api/subscribers/me/exercises", new { exercises = false })).StatusCode,
            (await one.GetAsync("/api/subscribers/me/alerts")).StatusCode,
            (await one.DeleteAsync("/api/subscribers/me/push")).StatusCode,
        ];

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/subscribers/me/alerts")).StatusCode);
        Assert.Equal([HttpStatusCode.NoContent], await Move(one, 1));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Partner_feeds_are_limited_per_address()
    {
        using var partner = gateway.ClientFrom("127.0.0.23");
        using var another = gateway.ClientFrom("127.0.0.24");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LowRateLimitGateway.Limit; i++)
        {
            statuses.Add((await partner.GetAsync("/api/cap/alerts.atom")).StatusCode);
        }

        var fromAnother = await another.GetAsync("/api/cap/alerts.atom");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, fromAnother.StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Forwarded_for_from_an_unknown_proxy_is_ignored_and_its_own_address_is_limited()
    {
        // 127.0.0.201 is not a configured proxy: its X-Forwarded-For names no one.
        using var first = gateway.ClientFrom("127.0.0.201", forwardedFor: "203.0.113.1");
        using var second = gateway.ClientFrom("127.0.0.201", forwardedFor: "203.0.113.2");
        await Requests.Subscribe(first, 41.99, 21.43);
        await Requests.Subscribe(second, 41.99, 21.43);

        var third = await gateway.ClientFrom("127.0.0.201", forwardedFor: "203.0.113.3")
            .PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });

        await AssertTooManyRequestsProblem(third);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Forwarded_for_from_the_configured_proxy_limits_each_client_behind_it()
    {
        using var client = gateway.ClientFrom(LowRateLimitGateway.KnownProxy, forwardedFor: "203.0.113.10");
        using var neighbour = gateway.ClientFrom(LowRateLimitGateway.KnownProxy, forwardedFor: "203.0.113.11");
        await Requests.Subscribe(client, 41.99, 21.43);
        await Requests.Subscribe(client, 41.99, 21.43);

        var third = await client.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });
        var fromNeighbour = await neighbour.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });

        await AssertTooManyRequestsProblem(third);
        Assert.Equal(HttpStatusCode.Created, fromNeighbour.StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Forwarded_proto_counts_only_from_the_configured_proxy()
    {
        using var viaProxy = gateway.ClientFrom(LowRateLimitGateway.KnownProxy, forwardedFor: "203.0.113.20");
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var viaStranger = gateway.ClientFrom("127.0.0.202", forwardedFor: "203.0.113.21");
        viaStranger.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var proxied = await viaProxy.GetStringAsync("/api/cap/alerts.atom");
        var spoofed = await viaStranger.GetStringAsync("/api/cap/alerts.atom");

        Assert.Contains("href=\"https://", proxied, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://", spoofed, StringComparison.Ordinal);
        Assert.Contains("href=\"http://", spoofed, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Two_addresses_of_one_ipv6_64_share_a_bucket_and_another_64_has_its_own()
    {
        // Documentation prefix: never connected to, only named by the test-only header.
        await Requests.Subscribe(gateway.ClientFrom("2001:db8:1:2::a"), 41.99, 21.43);
        await Requests.Subscribe(gateway.ClientFrom("2001:db8:1:2:ffff:ffff:ffff:ffff"), 41.99, 21.43);

        var sameSlash64 = await gateway.ClientFrom("2001:db8:1:2::b")
            .PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });
        var otherSlash64 = await gateway.ClientFrom("2001:db8:1:3::a")
            .PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });

        await AssertTooManyRequestsProblem(sameSlash64);
        Assert.Equal(HttpStatusCode.Created, otherSlash64.StatusCode);
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
        await using var app = root.WithWebHostBuilder(b => b.UseSetting("RateLimits:TokenRequests:Burst", "0"));

        var error = Record.Exception(() => app.Server);

        Assert.Contains(StartupChecksTests.Chain(error), e => e is OptionsValidationException && e.Message.Contains("TokenRequests", StringComparison.Ordinal));
    }

    private async Task<string> OpenPublicCase(string clientIp)
    {
        using var supervisor = gateway.ClientFrom(clientIp, await gateway.TokenFor("supervisor", "supervisor-demo", clientIp));
        var created = await Requests.OpenCase(supervisor, "Ana", Requests.Skopje.Lat, Requests.Skopje.Lon, level: "public");
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<List<HttpStatusCode>> Move(HttpClient subscriber, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await subscriber.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.5, lon = 21.5 })).StatusCode);
        }

        return statuses;
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
