using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>Enum fields take their names only: no flag lists (one answered 500), numbers or padded names.</summary>
[Trait("Category", "Security")]
public sealed class EnumValueTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("bicycle,vehicle")]
    [InlineData("walking,vehicle")]
    [InlineData("7")]
    [InlineData(" walking")]
    [InlineData("")]
    public async Task A_travel_mode_that_is_not_one_name_is_a_400_naming_travelMode(string travelMode)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var before = (await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases"))!.Length;

        var response = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Ana", age = 9, description = "red jacket" },
            lastSeen = new { lat = 41.99, lon = 21.43, at = DateTimeOffset.UtcNow },
            travelMode,
        });

        var problem = await IdRouteTests.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("travelMode", out _));
        Assert.Equal(before, (await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases"))!.Length);
    }

    [Fact]
    public async Task Names_are_read_in_any_letter_case_and_written_in_lower_case()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");

        var response = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Ana", age = 9, description = "red jacket" },
            lastSeen = new { lat = 41.99, lon = 21.43, at = DateTimeOffset.UtcNow },
            travelMode = "Bicycle",
            level = "INTERNAL",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bicycle", created.GetProperty("travelMode").GetString());
        Assert.Equal("internal", created.GetProperty("level").GetString());
    }
}
