using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>
/// <c>POST /api/cases</c> with an <c>Idempotency-Key</c>: a retried opening (timeout, lost answer,
/// double click) finds the first case and its answer instead of opening a second one.
/// </summary>
public sealed class IdempotencyKeyTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task The_same_key_twice_opens_one_case_and_answers_with_the_same_status_body_and_location()
    {
        using var client = await factory.CreateClientAs("operator");
        var name = Unique("Ana");
        var body = Requests.NewCase(name, Requests.Skopje.Lat, Requests.Skopje.Lon);
        var key = $"open-{Guid.NewGuid():N}";

        using var first = await Post(client, body, key);
        using var second = await Post(client, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await CasesNamed(client, name));
    }

    [Fact]
    public async Task Retries_sent_while_the_first_is_still_opening_open_one_case()
    {
        using var client = await factory.CreateClientAs("operator");
        var name = Unique("Ena");
        var body = Requests.NewCase(name, Requests.Skopje.Lat, Requests.Skopje.Lon);
        var key = $"burst-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Post(client, body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(1, await CasesNamed(client, name));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_a_422_naming_the_header_and_opens_nothing()
    {
        using var client = await factory.CreateClientAs("operator");
        var (name, other) = (Unique("Iva"), Unique("Mia"));
        var key = $"reuse-{Guid.NewGuid():N}";
        using var first = await Post(client, Requests.NewCase(name, Requests.Skopje.Lat, Requests.Skopje.Lon), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var reused = await Post(client, Requests.NewCase(other, Requests.Skopje.Lat, Requests.Skopje.Lon), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("Idempotency-Key", Requests.ErrorFields(await Requests.Problem(reused)));
        Assert.Equal(0, await CasesNamed(client, other));
    }

    [Fact]
    public async Task A_key_belongs_to_its_account_so_another_account_with_the_same_key_opens_its_own_case()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var supervisorClient = await factory.CreateClientAs("supervisor");
        var name = Unique("Lea");
        var body = Requests.NewCase(name, Requests.Skopje.Lat, Requests.Skopje.Lon);
        var key = $"shared-{Guid.NewGuid():N}";

        using var byOperator = await Post(operatorClient, body, key);
        using var bySupervisor = await Post(supervisorClient, body, key);

        Assert.Equal(HttpStatusCode.Created, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bySupervisor.StatusCode);
        Assert.NotEqual(byOperator.Headers.Location, bySupervisor.Headers.Location);
        Assert.Equal(2, await CasesNamed(operatorClient, name));
    }

    [Fact]
    public async Task A_request_refused_for_its_body_leaves_the_key_free_for_the_corrected_one()
    {
        using var client = await factory.CreateClientAs("operator");
        var name = Unique("Sara");
        var key = $"fix-{Guid.NewGuid():N}";
        using var refused = await Post(client, new { child = new { name }, travelMode = "walking" }, key);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var corrected = await Post(client, Requests.NewCase(name, Requests.Skopje.Lat, Requests.Skopje.Lon), key);

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.False(corrected.Headers.Contains("Idempotent-Replayed"));
    }

    public static TheoryData<string> MalformedKeys => new()
    {
        new string('k', 201),
        "del\u007f",
        "tab\there",
        "ключ-1",
    };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task A_malformed_key_is_a_400_naming_the_header_and_opens_nothing(string key)
    {
        using var client = await factory.CreateClientAs("operator");
        var name = Unique("Nora");

        using var response = await Post(client, Requests.NewCase(name, Requests.Skopje.Lat, Requests.Skopje.Lon), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", Requests.ErrorFields(await Requests.Problem(response)));
        Assert.Equal(0, await CasesNamed(client, name));
    }

    [Fact]
    public async Task A_key_of_200_printable_characters_is_accepted()
    {
        using var client = await factory.CreateClientAs("operator");
        var key = string.Concat(Enumerable.Range(0, 200).Select(i => (char)(' ' + 1 + (i % 94))));

        using var response = await Post(client, Requests.NewCase(Unique("Tea"), Requests.Skopje.Lat, Requests.Skopje.Lon), key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
        Assert.True(request.Headers.TryAddWithoutValidation("Idempotency-Key", key));
        return await client.SendAsync(request);
    }

    private static async Task<int> CasesNamed(HttpClient client, string name)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/cases");
        return list.EnumerateArray().Count(c => c.GetProperty("childName").GetString() == name);
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..20];
}
