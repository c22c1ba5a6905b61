using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>The Orleans Dashboard at <c>/dashboard</c>: the cluster's inner workings, for supervisors only.</summary>
public sealed class OrleansDashboardTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_supervisor_gets_the_dashboard_page_and_the_silos_figures()
    {
        using var client = await factory.CreateClientAs("supervisor");

        using var page = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        // The dashboard grain samples the silos once a second: the first answer may predate it.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int hosts;
        JsonElement counters;
        do
        {
            counters = await client.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters");
            hosts = counters.GetProperty("totalActiveHostCount").GetInt32();
        }
        while (hosts == 0 && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal(1, hosts);
        var silo = counters.GetProperty("hosts")[0].GetProperty("siloAddress").GetString();
        using var properties = await client.GetAsync($"/dashboard/SiloProperties/{silo}");
        Assert.Equal(HttpStatusCode.OK, properties.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/SiloProperties/x")]
    [InlineData("/dashboard/HistoricalStats/not-a-silo")]
    [InlineData("/dashboard/SiloCounters/127.0.0.1")]
    public async Task A_silo_route_with_an_address_that_is_no_silo_address_is_a_404_problem_not_a_500(string path)
    {
        using var client = await factory.CreateClientAs("supervisor");

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("field1")]
    public async Task Anyone_signed_in_but_a_supervisor_is_forbidden(string username)
    {
        using var client = await factory.CreateClientAs(username);

        foreach (var path in new[] { "/dashboard/", "/dashboard/DashboardCounters", "/dashboard/GrainState?grainId=x&grainType=y" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Without_a_token_the_dashboard_answers_401_with_problem_json()
    {
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/dashboard/", "/dashboard/index.min.js", "/dashboard/ClusterStats" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
