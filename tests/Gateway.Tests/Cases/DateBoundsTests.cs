using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>A case's lastSeen.at and a sighting's seenAt lie within the last 30 days and at most 5 minutes ahead.</summary>
[Trait("Category", "Security")]
public sealed class DateBoundsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    public static TheoryData<string> RefusedTimes => new()
    {
        "0001-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        DateTimeOffset.UtcNow.AddDays(-31).ToString("O"),
        DateTimeOffset.UtcNow.AddHours(1).ToString("O"),
        "9999-12-31T23:59:59Z",
    };

    [Theory]
    [MemberData(nameof(RefusedTimes))]
    public async Task A_case_last_seen_outside_the_window_is_a_400_naming_lastSeen_at(string at)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var before = (await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases"))!.Length;

        var response = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Ana", age = 9, description = "red jacket" },
            lastSeen = new { lat = 41.99, lon = 21.43, at },
            travelMode = "walking",
        });

        var problem = await IdRouteTests.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lastSeen.at", out _));
        Assert.Equal(before, (await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases"))!.Length);
    }

    [Theory]
    [MemberData(nameof(RefusedTimes))]
    public async Task A_sighting_seen_outside_the_window_is_a_400_naming_seenAt(string seenAt)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        var response = await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            lat = 41.99, lon = 21.43, seenAt, description = "by the market",
        });

        var problem = await IdRouteTests.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("seenAt", out _));
        Assert.Empty((await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("sightings").EnumerateArray());
    }

    [Fact]
    public async Task A_sighting_from_29_days_ago_is_accepted()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        var response = await supervisor.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            lat = 41.99, lon = 21.43, seenAt = DateTimeOffset.UtcNow.AddDays(-29), description = "by the market",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
