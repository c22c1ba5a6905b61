using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Subscribers;

/// <summary>
/// <c>PUT /api/subscribers/me/exercises</c>: a public subscriber changes its exercise opt-in after
/// subscribing, and matching follows at once; a field team's setting is the deployment's.
/// </summary>
[Trait("Category", "Safeguarding")]
public sealed class ExerciseOptInTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    // Vinica and Sveti Nikole: far from each other and from every other test's positions.
    private static readonly (double Lat, double Lon) Vinica = (41.8828, 22.5092);
    private static readonly (double Lat, double Lon) SvetiNikole = (41.8650, 21.9425);

    [Fact]
    public async Task A_subscriber_who_opts_in_after_subscribing_gets_the_next_exercise_as_new()
    {
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, Vinica.Lat, Vinica.Lon, language: "sq");
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        using var subscriber = factory.CreateClientWithToken(token);

        var optIn = await SetExercises(subscriber, true);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenExercise(supervisor, "Dafina", Vinica.Lat + 0.002, Vinica.Lon)).GetProperty("id").GetString()!;
        var alert = await inbox.WaitFor(AlertInbox.Is(id, "new"), "the exercise's new after opting in");

        Assert.Equal(HttpStatusCode.NoContent, optIn.StatusCode);
        Assert.True(alert.GetProperty("exercise").GetBoolean());
        Assert.StartsWith("USHTRIM", alert.GetProperty("headline").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscriber_who_opts_out_again_gets_real_cases_but_no_longer_exercises()
    {
        using var anonymous = factory.CreateClient();
        var (_, leftToken) = await Requests.Subscribe(anonymous, SvetiNikole.Lat, SvetiNikole.Lon);
        var (_, stayedToken) = await Requests.Subscribe(anonymous, SvetiNikole.Lat + 0.001, SvetiNikole.Lon);
        using var left = factory.CreateClientWithToken(leftToken);
        using var stayed = factory.CreateClientWithToken(stayedToken);
        Assert.Equal(HttpStatusCode.NoContent, (await SetExercises(left, true)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SetExercises(stayed, true)).StatusCode);
        await using var leftHub = await factory.ConnectHubAsync(leftToken);
        await using var stayedHub = await factory.ConnectHubAsync(stayedToken);
        var leftInbox = new AlertInbox(leftHub);
        var stayedInbox = new AlertInbox(stayedHub);

        var optOut = await SetExercises(left, false);
        using var supervisor = await factory.CreateClientAs("supervisor");
        var exercise = (await Requests.OpenExercise(supervisor, "Teodora", SvetiNikole.Lat + 0.002, SvetiNikole.Lon)).GetProperty("id").GetString()!;
        await stayedInbox.WaitFor(AlertInbox.Is(exercise, "new"), "the exercise's new for the one still opted in");

        // A real case after it, from the same tile: once it has arrived, the exercise's batch would have too.
        var real = (await Requests.OpenCase(supervisor, "Marko", SvetiNikole.Lat, SvetiNikole.Lon, level: "public")).GetProperty("id").GetString()!;
        await leftInbox.WaitFor(AlertInbox.Is(real, "new"), "the real case's new");
        var held = await left.GetFromJsonAsync<JsonElement[]>("/api/subscribers/me/alerts");

        Assert.Equal(HttpStatusCode.NoContent, optOut.StatusCode);
        Assert.DoesNotContain(leftInbox.Received, m => m.GetProperty("caseId").GetString() == exercise);
        Assert.DoesNotContain(held!, a => a.GetProperty("caseId").GetString() == exercise);
        Assert.Contains(held!, a => a.GetProperty("caseId").GetString() == real);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"exercises\":null}")]
    [InlineData("{\"exercises\":\"yes\"}")]
    [InlineData("{\"exercises\":1}")]
    public async Task A_missing_or_non_boolean_exercises_is_refused_naming_the_field(string body)
    {
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, Vinica.Lat, Vinica.Lon);
        using var subscriber = factory.CreateClientWithToken(token);

        var response = await subscriber.PutAsync("/api/subscribers/me/exercises", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exercises", Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task A_field_team_is_refused_with_a_problem_naming_the_deployment_setting()
    {
        using var field = await factory.CreateClientAs("field4");

        var response = await SetExercises(field, false);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Auth:FieldExercises", (await Requests.Problem(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_unsubscribing_the_token_cannot_set_exercises()
    {
        using var anonymous = factory.CreateClient();
        var (_, token) = await Requests.Subscribe(anonymous, Vinica.Lat, Vinica.Lon);
        using var subscriber = factory.CreateClientWithToken(token);
        await subscriber.DeleteAsync("/api/subscribers/me");

        var response = await SetExercises(subscriber, true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<HttpResponseMessage> SetExercises(HttpClient client, bool exercises) =>
        client.PutAsJsonAsync("/api/subscribers/me/exercises", new { exercises });
}
