using System.Net;
using System.Net.Http.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Auth;

public sealed class TokenEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("operator", "operator", null)]
    [InlineData("supervisor", "supervisor", null)]
    [InlineData("field3", "field", "field3")]
    public async Task Demo_account_gets_a_token_with_its_role(string username, string role, string? subscriberId)
    {
        var token = await factory.TokenFor(username);

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(role, token.Role);
        Assert.Equal(subscriberId, token.SubscriberId);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("operator", "operator-demo", System.Text.Json.JsonValueKind.Null)]
    [InlineData("field3", "field-demo", System.Text.Json.JsonValueKind.String)]
    public async Task The_token_answer_always_has_a_subscriberId_key(string username, string password, System.Text.Json.JsonValueKind kind)
    {
        using var client = factory.CreateClient();

        var body = await (await client.PostAsJsonAsync("/api/auth/token", new { username, password })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.True(body.TryGetProperty("subscriberId", out var subscriberId), body.ToString());
        Assert.Equal(kind, subscriberId.ValueKind);
    }

    [Fact]
    public async Task Wrong_password_is_401_problem_details()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Requests.Problem(response);
    }

    [Fact]
    public async Task Missing_username_is_400_naming_the_field()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { password = "operator-demo" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("username", Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task Case_routes_refuse_no_token_with_401_and_a_field_token_with_403()
    {
        using var anonymous = factory.CreateClient();
        using var field = await factory.CreateClientAs("field1");

        var noToken = await anonymous.PostAsJsonAsync("/api/cases", Requests.NewCase("Ana", 41.99, 21.43));
        var fieldToken = await field.PostAsJsonAsync("/api/cases", Requests.NewCase("Ana", 41.99, 21.43));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fieldToken.StatusCode);
    }

    [Fact]
    public async Task Healthz_is_200_once_the_silo_is_ready()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
