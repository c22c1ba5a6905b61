using System.Net;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EarlyWarning.Gateway.Tests.Hosting;

[Trait("Category", "Security")]
public sealed class HealthEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Health_answers_get_and_head(string path)
    {
        using var client = factory.CreateClient();

        var get = await client.GetAsync(path);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("Healthy", await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/healthz")]
    [InlineData("POST", "/healthz")]
    [InlineData("DELETE", "/healthz/live")]
    [InlineData("POST", "/healthz/ready")]
    public async Task Health_refuses_other_methods_with_a_405_problem(string method, string path)
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") });

        await IdRouteTests.AssertProblem(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Ready_is_503_when_a_readiness_check_fails_while_live_stays_200()
    {
        // A gateway of its own: the class's shared one holds its silo ports.
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddHealthChecks().AddCheck("storage-down", () => HealthCheckResult.Unhealthy("down"), tags: [HealthEndpoints.ReadyTag])));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }
}
