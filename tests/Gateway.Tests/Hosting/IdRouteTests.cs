using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>Malformed ids in routes are 404 problems before any grain is called; unknown routes are problems too.</summary>
[Trait("Category", "Security")]
public sealed class IdRouteTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const string Space = "%20";

    public static TheoryData<string, string> CaseRoutes => new()
    {
        { "GET", "/api/cases/{0}" },
        { "GET", "/api/cases/{0}/zone" },
        { "GET", "/api/cases/{0}/timeline" },
        { "GET", "/api/cases/{0}/reach" },
        { "POST", "/api/cases/{0}/escalate" },
        { "POST", "/api/cases/{0}/escalation/approve" },
        { "POST", "/api/cases/{0}/escalation/reject" },
        { "POST", "/api/cases/{0}/sightings/s-0190f1a2b3c4d5e6f708192a3b4c5d6e/verify" },
        { "POST", "/api/cases/{0}/sightings/s-0190f1a2b3c4d5e6f708192a3b4c5d6e/reject" },
        { "GET", "/api/cap/{0}" },
    };

    public static TheoryData<string> MalformedIds => new()
    {
        Space,
        "%20%20%09",
        "c-%20",
        "c-abc.def",
        "C-ABC",
        "c-%C3%A9t%C3%A9",
        "c-%3Cb%3E",
        "c-" + new string('a', CaseId.MaxLength),
        "case-1",
    };

    [Theory]
    [MemberData(nameof(CaseRoutes))]
    public async Task A_case_id_of_one_space_is_a_404_problem_on_every_case_route(string method, string template)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");

        var response = await supervisor.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Space)));

        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task Malformed_case_ids_are_404_problems(string id)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");

        await AssertProblem(await supervisor.GetAsync($"/api/cases/{id}/timeline"), HttpStatusCode.NotFound);
        await AssertProblem(await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" }), HttpStatusCode.NotFound);
        await AssertProblem(await supervisor.GetAsync($"/api/cap/{id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Space)]
    [InlineData("s-1.2")]
    [InlineData("s-%C3%BC")]
    [InlineData("%7B0190f1a2-b3c4-d5e6-f708-192a3b4c5d6e%7D")]
    public async Task Malformed_sighting_ids_are_404_problems_on_review_routes(string sightingId)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var caseId = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        var response = await supervisor.PostAsync($"/api/cases/{caseId}/sightings/{sightingId}/verify", null);

        var problem = await AssertProblem(response, HttpStatusCode.NotFound);
        Assert.Equal("Sighting not found.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("client 1")]
    [InlineData("klient-ü")]
    [InlineData("a.b")]
    [InlineData(" 0190f1a2-b3c4-d5e6-f708-192a3b4c5d6e")]
    [InlineData("{0190f1a2-b3c4-d5e6-f708-192a3b4c5d6e}")]
    [InlineData("../../etc")]
    [InlineData("")]
    public async Task A_sighting_body_id_of_another_form_is_a_400_naming_id(string id)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var caseId = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43)).GetProperty("id").GetString();

        var response = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new
        {
            id, lat = 41.99, lon = 21.43, seenAt = DateTimeOffset.UtcNow, description = "by the market",
        });

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
        var stored = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Empty(stored.GetProperty("sightings").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/cases/c-abc/nope")]
    [InlineData("/api/cap/a/b")]
    [InlineData("/hubs/nope")]
    [InlineData("/hubs/alerts/nope/deeper")]
    public async Task Unknown_routes_under_api_and_hubs_are_404_problem_json_even_for_a_browser(string path)
    {
        using var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("OPTIONS", "/")]
    [InlineData("POST", "/public")]
    [InlineData("DELETE", "/field")]
    [InlineData("GET", "/no-such-page")]
    public async Task Pages_refuse_other_methods_and_unknown_paths_with_problem_json_not_text(string method, string path)
    {
        // Found by the generated test: HttpClient sends /api/%2E%2E as '/', whose 405 was plain text.
        using var client = factory.CreateClient();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((int)response.StatusCode is 404 or 405, $"{method} {path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Dot_segments_are_a_404_problem_not_the_page_kestrel_resolves_them_to()
    {
        // Kestrel itself resolves dot segments, so this needs a real socket and raw request lines;
        // a gateway of its own, as the class's shared one holds its silo ports.
        await using var root = new GatewayFactory();
        var (_, port) = root.OnLoopbackPort();

        foreach (var target in new[] { "/api/cap/%2e%2e/%2e%2e", "/api/cap/%2E%2E", "/api/cases/./", "/hubs/../field", "/api/%2e%2e/public" })
        {
            var answer = await RawGet(port, target);

            Assert.StartsWith("HTTP/1.1 404", answer, StringComparison.Ordinal);
            Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<html", answer, StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("HTTP/1.1 200", await RawGet(port, "/public"), StringComparison.Ordinal);
    }

    private static async Task<string> RawGet(int port, string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
