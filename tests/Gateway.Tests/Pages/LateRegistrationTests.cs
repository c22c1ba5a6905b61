using System.Diagnostics;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// SignalR answers a connection's handshake before the hub registers it: a phone that read its
/// alerts as soon as it connected would miss one pushed in between, until it next came back to
/// the front. The page reads them again when the gateway says the connection is `live`.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class LateRegistrationTests(LateRegistrationGateway gateway) : IClassFixture<LateRegistrationGateway>
{
    [Fact]
    public async Task An_alert_pushed_between_the_phones_handshake_and_its_registration_is_shown_without_a_reconnect()
    {
        var stip = (Lat: 41.7358, Lon: 22.1914);
        var sockets = gateway.WebSockets.Count;
        var phone = await gateway.SubscribedPhone((stip.Lat + 0.003, stip.Lon));
        var connected = Stopwatch.StartNew();

        var caseId = await gateway.OpenPublicCase("Elena Dimova", "green scarf", stip);

        // The case was opened (and its alerts sent) while the gateway had not registered the phone yet.
        Assert.True(connected.Elapsed < LateRegistrationGateway.Delay, $"the case took {connected.Elapsed} to open: the test missed the window");
        var card = phone.Locator($".alert[data-case-id='{caseId}']");
        await Assertions.Expect(card).ToContainTextAsync("Elena Dimova", new() { Timeout = 15_000 });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        Assert.Equal(sockets + 1, gateway.WebSockets.Count);
        Assert.Empty(gateway.Errors);
    }
}
