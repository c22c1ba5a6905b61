using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>The limits as shipped (appsettings.json), and the gateway ceiling behind the per-address buckets.</summary>
[Trait("Category", "Security")]
public sealed class GatewayLimitsTests
{
    [Fact]
    public async Task Three_hundred_subscriptions_from_one_address_in_a_minute_succeed()
    {
        // A carrier's CGNAT address during an appeal: every phone behind it subscribes at once.
        await using var app = GatewayFactory.WithShippedLimits();
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "mk" })).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
    }

    [Fact]
    public async Task The_gateway_ceiling_refuses_new_addresses_once_reached()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:SubscriptionsPerMinute", "3");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, LowRateLimitGateway.ClientAddressFromHeader>());
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Add(LowRateLimitGateway.ClientIpHeader, $"127.0.1.{i}");
            statuses.Add((await client.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_request_its_own_bucket_refuses_takes_nothing_from_the_ceiling()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:SubscriptionsPerMinute", "3");
            b.UseSetting("RateLimits:Subscriptions:Burst", "1");
            b.UseSetting("RateLimits:Subscriptions:Refill", "1");
            b.UseSetting("RateLimits:Subscriptions:Period", "1.00:00:00");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, LowRateLimitGateway.ClientAddressFromHeader>());
        });
        using var busy = app.CreateClient();
        busy.DefaultRequestHeaders.Add(LowRateLimitGateway.ClientIpHeader, "127.0.2.1");
        for (var i = 0; i < 10; i++)
        {
            await busy.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" });
        }

        var others = new List<HttpStatusCode>();
        for (var i = 2; i <= 3; i++)
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Add(LowRateLimitGateway.ClientIpHeader, $"127.0.2.{i}");
            others.Add((await client.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" })).StatusCode);
        }

        Assert.All(others, status => Assert.Equal(HttpStatusCode.Created, status));
    }
}
