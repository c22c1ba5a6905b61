using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Hosting;

public sealed partial class ApiReferenceTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task OpenApi_document_lists_the_cases_and_subscribers_routes()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json");
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/cases", paths);
        Assert.Contains("/api/cases/{id}/sightings", paths);
        Assert.Contains("/api/subscribers", paths);
        Assert.Contains("/api/auth/token", paths);
    }

    [Fact]
    public async Task OpenApi_document_asks_for_a_bearer_token_only_where_one_is_needed()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        var paths = document.GetProperty("paths");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(paths.GetProperty("/api/cases").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/subscribers").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/auth/token").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Api_page_is_html_whose_scripts_come_from_the_app_itself()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/scalar/");
        var html = await response.Content.ReadAsStringAsync();
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var js = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/scalar/"), script));
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
            Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Api_page_without_trailing_slash_redirects_to_it()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        var response = await client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("""<script[^>]*\ssrc="(?<src>[^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
