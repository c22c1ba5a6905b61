using System.Net;
using System.Net.Sockets;
using EarlyWarning.Grains.Partners;
using Microsoft.Extensions.Options;
using Xunit;

namespace EarlyWarning.Grains.Tests.Partners;

/// <summary>
/// The send-time check against DNS rebinding. Names are answered by the test's own resolver; the
/// only socket that could be reached is a loopback listener of the test's own, which must see no connection.
/// </summary>
[Trait("Category", "Interop")]
public sealed class PartnerConnectGuardTests
{
    [Fact]
    public async Task A_name_that_now_resolves_to_loopback_or_private_addresses_is_refused_before_any_socket_is_opened()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = Options.Create(new PartnerOptions());
        using var transport = new HttpPartnerTransport(new PartnerConnectGuard(options, (_, _) => Task.FromResult(new[] { IPAddress.Loopback, IPAddress.Parse("10.0.0.1") })), options);
        var partner = new PartnerRegistration(
            new PartnerProfile("pt-rebound", "Rebound", $"http://rebound.partner.test:{port}/hook", ["AL"], ["en"], DateTimeOffset.UtcNow, "supervisor"),
            "a-secret-of-16-characters");

        var answer = await transport.Send(partner, "d-1", "<alert/>", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Null(answer.StatusCode);
        Assert.Contains("no public address", answer.Error, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_host_on_the_allow_list_may_resolve_to_loopback_and_one_off_it_may_not()
    {
        var guard = new PartnerConnectGuard(
            Options.Create(new PartnerOptions { AllowedHosts = ["receiver.partner.test"] }), (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));

        Assert.Equal([IPAddress.Loopback], await guard.Addresses("receiver.partner.test", CancellationToken.None));
        await Assert.ThrowsAsync<HttpRequestException>(() => guard.Addresses("127.0.0.1", CancellationToken.None));
    }
}
