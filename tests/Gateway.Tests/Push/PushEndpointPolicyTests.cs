using EarlyWarning.Gateway.Push;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>The allow-list's rules, with the default hosts (made-up and loopback examples only where refused).</summary>
[Trait("Category", "Push")]
public sealed class PushEndpointPolicyTests
{
    private static readonly PushEndpointPolicy Defaults = new(PushOptions.DefaultAllowedHosts);

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc")]
    [InlineData("https://wns2-par02p.notify.windows.com/w/?token=abc")]
    [InlineData("https://web.push.apple.com/QGx2abc")]
    [InlineData("https://FCM.googleapis.com/fcm/send/abc")]
    public void The_major_browsers_push_services_are_allowed_by_default(string endpoint) =>
        Assert.Null(Defaults.Refusal(endpoint));

    [Theory]
    [InlineData("https://notify.windows.com/w/abc")] // a suffix entry allows names under it, not itself
    [InlineData("https://evilnotify.windows.com/w/abc")]
    [InlineData("https://fcm.googleapis.com:8443/fcm/send/abc")] // a listed name on another port
    [InlineData("https://fcm.googleapis.com./fcm/send/abc")]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc")]
    [InlineData("https://localhost/x")]
    [InlineData("https://push.localhost/x")]
    [InlineData("https://127.0.0.1/x")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://2130706433/x")] // 127.0.0.1 written as a number
    public void Anything_else_is_refused(string endpoint) =>
        Assert.NotNull(Defaults.Refusal(endpoint));

    [Fact]
    public void An_exact_host_and_port_allows_that_address_and_port_only()
    {
        var policy = new PushEndpointPolicy(["127.0.0.1:7443"]);

        Assert.Null(policy.Refusal("https://127.0.0.1:7443/push/a"));
        Assert.NotNull(policy.Refusal("https://127.0.0.1:7444/push/a"));
        Assert.NotNull(policy.Refusal("https://127.0.0.1/push/a"));
        Assert.NotNull(policy.Refusal("https://127.0.0.2:7443/push/a"));
    }
}
