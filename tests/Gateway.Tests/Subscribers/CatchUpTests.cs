using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Subscribers;

public sealed class CatchUpTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_subscriber_offline_when_alerted_catches_up_and_a_resolved_case_leaves_the_list()
    {
        // Struga; nobody is connected when the case opens.
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.1775, 20.6783, radiusKm: 4, language: "sq");
        using var subscriber = factory.CreateClientWithToken(token);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.1780, 20.6790, level: "public")).GetProperty("id").GetString()!;

        var held = await subscriber.GetFromJsonAsync<JsonElement[]>("/api/subscribers/me/alerts");
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var afterResolve = await subscriber.GetFromJsonAsync<JsonElement[]>("/api/subscribers/me/alerts");

        var alert = Assert.Single(held!, a => a.GetProperty("caseId").GetString() == id);
        Assert.Equal("update", alert.GetProperty("kind").GetString());
        Assert.Equal("sq", alert.GetProperty("language").GetString());
        Assert.Equal("Ana", alert.GetProperty("child").GetProperty("name").GetString());
        Assert.Equal("Polygon", alert.GetProperty("zone").GetProperty("type").GetString());
        Assert.DoesNotContain(afterResolve!, a => a.GetProperty("caseId").GetString() == id);
    }

    [Fact]
    public async Task Catch_up_needs_a_subscription()
    {
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.2, 20.7);
        using var subscriber = factory.CreateClientWithToken(token);
        await subscriber.DeleteAsync("/api/subscribers/me");

        var afterDelete = await subscriber.GetAsync("/api/subscribers/me/alerts");
        var noToken = await anonymous.GetAsync("/api/subscribers/me/alerts");

        // API.md: a deleted subscriber's token gets 401 from then on.
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }
}
