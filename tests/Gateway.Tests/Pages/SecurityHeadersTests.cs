using System.Net;
using EarlyWarning.Gateway.Pages;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// Every response of the gateway carries the security headers: the pages and their bundles the
/// strict Content-Security-Policy, /scalar its own, HSTS only over https.
/// </summary>
[Trait("Category", "Security")]
public sealed class SecurityHeadersTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    [Theory]
    [InlineData("/")]
    [InlineData("/field")]
    [InlineData("/public")]
    [InlineData("/build/control.js")]
    [InlineData("/build/field.js")]
    [InlineData("/build/public.js")]
    [InlineData("/build/control.css")]
    [InlineData("/build/public.css")]
    [InlineData("/build/outline.json")]
    [InlineData("/api/pages/config")]
    [InlineData("/api/cases")]
    [InlineData("/healthz")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_the_strict_policy_and_the_other_security_headers(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(Strict, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("geolocation=(self), camera=(), microphone=()", Header(response, "Permissions-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_three_pages_hold_no_inline_script_or_style_for_the_policy_to_refuse()
    {
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/", "/field", "/public" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)", html);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\son[a-z]+=", html);
        }
    }

    [Fact]
    public async Task The_api_page_gets_a_policy_of_its_own_that_allows_its_inline_start_up_and_nothing_else()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/scalar/");

        var policy = Header(response, "Content-Security-Policy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self' 'unsafe-inline';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'; base-uri 'none'; frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_requests_get_hsts_and_plain_http_does_not()
    {
        // The test server never leaves the process: the host name is a documentation-only one.
        using var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://earlywarning.example/") });
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://earlywarning.example/") });

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Header(await https.GetAsync("/public"), "Strict-Transport-Security"));
        Assert.False((await http.GetAsync("/public")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void A_configured_tile_server_and_photo_hosts_are_the_only_other_image_sources()
    {
        var policy = new ContentSecurityPolicy("https://{s}.tiles.earlywarning.example:8443/{z}/{x}/{y}.png", ["photos.earlywarning.example", "https://media.earlywarning.example/children/"]);

        Assert.Contains(
            "img-src 'self' data: blob: https://*.tiles.earlywarning.example:8443 https://photos.earlywarning.example https://media.earlywarning.example;",
            policy.Strict,
            StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy.Strict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://tiles.earlywarning.example; script-src *")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png")]
    [InlineData("https://tiles.earlywarning.example 'unsafe-inline'/{z}")]
    [InlineData("ftp://tiles.earlywarning.example/{z}")]
    [InlineData("   ")]
    public void A_tile_url_that_is_not_a_plain_http_host_adds_nothing_to_the_policy(string tileUrl)
    {
        var policy = new ContentSecurityPolicy(tileUrl, null);

        Assert.Null(ContentSecurityPolicy.SourceOf(tileUrl));
        Assert.Contains("img-src 'self' data: blob:;", policy.Strict, StringComparison.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values)
        : null;
}
