using System.Net;
using System.Net.Http.Json;
using System.Text;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Subscribers;

public sealed class SubscriberEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Public_subscription_returns_201_with_id_and_a_token_that_authenticates_it()
    {
        using var anonymous = factory.CreateClient();
        var (id, token) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        using var subscriber = factory.CreateClientWithToken(token);

        var move = await subscriber.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.5, lon = 21.5 });

        Assert.StartsWith("s-", id, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, move.StatusCode);
    }

    [Theory]
    [InlineData("""{"lat":91,"lon":21.4,"watchRadiusKm":5,"language":"en"}""", "lat")]
    [InlineData("""{"lat":41.9,"lon":21.4,"watchRadiusKm":-1,"language":"en"}""", "watchRadiusKm")]
    [InlineData("""{"lat":41.9,"lon":21.4,"watchRadiusKm":101,"language":"en"}""", "watchRadiusKm")]
    [InlineData("""{"lat":41.9,"lon":21.4,"watchRadiusKm":5,"language":"de"}""", "language")]
    [InlineData("""{"lat":41.9,"lon":21.4,"watchRadiusKm":5,"language":"ro"}""", "language")]
    [InlineData("""{"lat":41.9,"lon":21.4,"language":"mk"}""", "watchRadiusKm")]
    [InlineData("{\"lat\":41.9,\"lon\":21.4,\"watchRadiusKm\":5,\"language\":\"mk", "body")]
    public async Task Bad_subscription_is_400_naming_the_field(string body, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/subscribers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task Location_update_needs_a_subscriber_or_field_token()
    {
        using var anonymous = factory.CreateClient();
        using var operatorClient = await factory.CreateClientAs("operator");

        var noToken = await anonymous.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.9, lon = 21.4 });
        var asOperator = await operatorClient.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.9, lon = 21.4 });

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
    }

    [Fact]
    public async Task Bad_location_is_400_naming_the_field()
    {
        using var field = await factory.CreateClientAs("field4");

        var response = await field.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.9, lon = 200 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lon", Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task Unsubscribed_token_can_no_longer_move()
    {
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        using var subscriber = factory.CreateClientWithToken(token);

        var deleted = await subscriber.DeleteAsync("/api/subscribers/me");
        var moved = await subscriber.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.5, lon = 21.5 });
        var deletedAgain = await subscriber.DeleteAsync("/api/subscribers/me");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, deletedAgain.StatusCode);
    }
}
