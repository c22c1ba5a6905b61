using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Partners;

/// <summary>
/// Registering partners on a gateway with no <c>Partners:AllowedHosts</c>. Every URL below is text
/// only: validation refuses or keeps it, and no case is opened, so nothing is ever sent to it.
/// </summary>
[Trait("Category", "Interop")]
public sealed class PartnerEndpointsTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const string Secret = "s3cret-of-at-least-16";

    public static object Partner(string url, string[]? countries = null, string[]? languages = null, string name = "Tirana 112", string secret = Secret) =>
        new { name, url, countries = countries ?? ["AL"], languages = languages ?? ["sq", "en"], secret };

    [Fact]
    public async Task A_supervisor_registers_lists_and_removes_a_partner_and_the_secret_is_never_given_back()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");

        var created = await supervisor.PostAsJsonAsync("/api/partners", Partner("https://alerts.partner.example/cap", countries: ["al", "XK"], languages: ["sq", "rom"]));
        var body = await created.Content.ReadAsStringAsync();
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var listed = await supervisor.GetStringAsync("/api/partners");
        var deliveries = await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/partners/{id}/deliveries");
        var removed = await supervisor.DeleteAsync($"/api/partners/{id}");
        var removedAgain = await supervisor.DeleteAsync($"/api/partners/{id}");
        var afterRemoval = await supervisor.GetFromJsonAsync<JsonElement[]>("/api/partners");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/partners/{id}", created.Headers.Location?.OriginalString);
        Assert.Matches("^pt-[0-9a-f]{32}$", id);
        var partner = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["AL", "XK"], partner.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["sq", "rom"], partner.GetProperty("languages").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, listed, StringComparison.Ordinal);
        Assert.Empty(deliveries!);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.DoesNotContain(afterRemoval!, p => p.GetProperty("id").GetString() == id);
    }

    [Theory]
    [InlineData("url", "not a url")]
    [InlineData("url", "ftp://partner.example/cap")]
    [InlineData("url", "")]
    [InlineData("countries", "XX")]
    [InlineData("countries", "")]
    [InlineData("languages", "de")]
    [InlineData("languages", "")]
    [InlineData("secret", "short")]
    [InlineData("secret", "")]
    [InlineData("name", "")]
    [InlineData("name", "long")]
    public async Task A_bad_field_is_refused_with_a_problem_naming_it_and_nothing_is_registered(string field, string value)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var name = field == "name" ? (value == "long" ? new string('n', 101) : value) : $"partner {Guid.NewGuid():N}";
        var body = field switch
        {
            "url" => Partner(value, name: name),
            "countries" => Partner("https://p.example/cap", countries: value.Length == 0 ? [] : [value], name: name),
            "languages" => Partner("https://p.example/cap", languages: value.Length == 0 ? [] : [value], name: name),
            "secret" => Partner("https://p.example/cap", secret: value, name: name),
            _ => Partner("https://p.example/cap", name: name),
        };

        var response = await supervisor.PostAsJsonAsync("/api/partners", body);
        var listed = await supervisor.GetStringAsync("/api/partners");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Requests.ErrorFields(await Requests.Problem(response)));
        Assert.DoesNotContain(name.Length > 0 ? name : "\"name\":\"\"", listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task Without_allowed_hosts_a_loopback_or_private_url_is_refused_naming_url(string url)
    {
        using var supervisor = await factory.CreateClientAs("supervisor");

        var response = await supervisor.PostAsJsonAsync("/api/partners", Partner(url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Requests.Problem(response);
        Assert.Equal(["url"], Requests.ErrorFields(problem));
        Assert.Contains("Partners:AllowedHosts", problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_supervisors_may_manage_partners()
    {
        using var op = await factory.CreateClientAs("operator");
        using var anonymous = factory.CreateClient();
        var someId = "pt-" + Guid.NewGuid().ToString("N");

        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/partners", Partner("https://p.example/cap"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/partners")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync($"/api/partners/{someId}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.DeleteAsync($"/api/partners/{someId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/partners", Partner("https://p.example/cap"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/partners")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_malformed_partner_id_is_404()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/partners/pt-{Guid.NewGuid():N}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/partners/not-an-id/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.DeleteAsync("/api/partners/..%2F")).StatusCode);
    }
}
