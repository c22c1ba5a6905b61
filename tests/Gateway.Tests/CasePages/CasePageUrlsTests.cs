using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.CasePages;
using EarlyWarning.Gateway.Pages;
using Microsoft.AspNetCore.Http;

namespace EarlyWarning.Gateway.Tests.CasePages;

/// <summary>The address a case page gives out: the configured public one first, else the request's.</summary>
[Trait("Category", "Interop")]
public sealed class CasePageUrlsTests
{
    private const string Configured = "https://alerts.earlywarning.invalid/";

    [Fact]
    public void The_configured_public_base_url_wins_over_the_requests_host()
    {
        var request = Request("http", "10.0.0.7:8080");

        Assert.Equal("https://alerts.earlywarning.invalid/c/c-abc", CasePageUrls.For(new PageOptions { PublicBaseUrl = Configured }, request, "c-abc"));
        Assert.Equal("http://10.0.0.7:8080/c/c-abc", CasePageUrls.For(new PageOptions(), request, "c-abc"));
    }

    [Fact]
    public void The_page_built_on_the_configured_base_gives_absolute_og_url_and_og_image_of_the_hosted_photo()
    {
        var view = new PublicCaseView("c-abc", CaseStatus.Active, null, false,
            new PublicChildView("Ana", 9, "red jacket", "/api/photos/p-0123456789abcdef0123456789abcdef"),
            new PublicLastSeenView(DateTimeOffset.UtcNow, "Skopje", 0.4), null);
        var baseUrl = CasePageUrls.BaseUrl(new PageOptions { PublicBaseUrl = Configured }, Request("http", "localhost"));

        var page = new CasePage(System.Net.HttpStatusCode.OK, CasePageHtml.Render(view, PageTexts.In("en"), baseUrl), null, "");

        Assert.Equal("https://alerts.earlywarning.invalid/c/c-abc", page.Meta("og:url"));
        Assert.Equal("https://alerts.earlywarning.invalid/api/photos/p-0123456789abcdef0123456789abcdef", page.Meta("og:image"));
        Assert.Equal(page.Meta("og:image"), page.Meta("twitter:image"));
        Assert.Contains("in Skopje", page.Meta("og:description"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("https://alerts.earlywarning.invalid", true)]
    [InlineData("ftp://alerts.earlywarning.invalid", false)]
    [InlineData("alerts.earlywarning.invalid", false)]
    [InlineData("https://alerts.earlywarning.invalid/?x=1", false)]
    public void Only_an_absolute_http_url_is_a_valid_public_base(string value, bool valid) =>
        Assert.Equal(valid, new PageOptions { PublicBaseUrl = value }.HasValidPublicBaseUrl());

    private static HttpRequest Request(string scheme, string host)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        return context.Request;
    }
}
