using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
    public async Task The_201s_location_reads_the_subscription_back_with_its_token_which_is_refused_once_deleted()
    {
        using var anonymous = factory.CreateClient();
        var created = await anonymous.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 3, language = "sq", exercises = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var subscriber = factory.CreateClientWithToken(view.GetProperty("token").GetString()!);

        var read = await subscriber.GetAsync(created.Headers.Location);
        var noToken = await anonymous.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var details = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(view.GetProperty("id").GetString(), details.GetProperty("id").GetString());
        Assert.Equal(41.99, details.GetProperty("lat").GetDouble());
        Assert.Equal(21.43, details.GetProperty("lon").GetDouble());
        Assert.Equal(3, details.GetProperty("watchRadiusKm").GetDouble());
        Assert.Equal("sq", details.GetProperty("language").GetString());
        Assert.True(details.GetProperty("exercises").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await subscriber.DeleteAsync("/api/subscribers/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await subscriber.GetAsync(created.Headers.Location)).StatusCode);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("123")]
    [InlineData("\"text\"")]
    public async Task A_body_of_json_that_is_not_an_object_is_400_saying_an_object_is_needed(string body)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/subscribers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Requests.Problem(response);
        Assert.Equal("The body must be a JSON object.", problem.GetProperty("errors").GetProperty("body")[0].GetString());
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
