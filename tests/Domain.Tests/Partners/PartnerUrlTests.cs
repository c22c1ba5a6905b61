using EarlyWarning.Domain.Partners;
using Xunit;

namespace EarlyWarning.Domain.Tests.Partners;

/// <summary>Which webhook URLs may be registered. Pure: the addresses below are only text, nothing is dialled.</summary>
[Trait("Category", "Interop")]
public sealed class PartnerUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("http://[fd00::1]/")]
    public void Loopback_and_private_hosts_are_refused_without_the_allow_list(string url) =>
        Assert.Contains("Partners:AllowedHosts", PartnerUrl.Refusal(url, []), StringComparison.Ordinal);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "127.0.0.1")]
    [InlineData("http://[::1]/hook", "::1")]
    [InlineData("https://LOCALHOST/hook", "localhost")]
    public void A_host_on_the_allow_list_is_accepted_whatever_its_address(string url, string allowed) =>
        Assert.Null(PartnerUrl.Refusal(url, [allowed]));

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("ftp://partner.example/hook")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:pass@partner.example/hook")]
    [InlineData("https://partner.example/hook#part")]
    public void Anything_but_an_absolute_http_or_https_url_is_refused(string url) =>
        Assert.NotNull(PartnerUrl.Refusal(url, ["partner.example"]));

    [Fact]
    public void A_public_name_is_accepted_for_now_and_checked_again_when_resolved_at_send_time() =>
        Assert.Null(PartnerUrl.Refusal("https://alerts.partner.example/cap", []));
}
