using System.Net;
using EarlyWarning.Gateway.Push;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// The connect-time check behind the allow-list. Pure: names are answered by a resolver of the
/// test's own and nothing is dialled, so the private addresses below are never sent anything.
/// </summary>
[Trait("Category", "Push")]
public sealed class PushConnectGuardTests
{
    [Fact]
    public async Task An_allowed_name_that_resolves_only_to_private_or_loopback_addresses_is_refused_before_connecting()
    {
        var guard = Guard(["push.example"], _ => [IPAddress.Loopback, IPAddress.Parse("10.0.0.1")]);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guard.Addresses("push.example", 443, CancellationToken.None));

        Assert.Contains("no public address", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_public_addresses_of_a_name_are_connected_to()
    {
        var guard = Guard(["push.example"], _ => [IPAddress.Loopback, IPAddress.Parse("203.0.113.7")]);

        var addresses = await guard.Addresses("push.example", 443, CancellationToken.None);

        Assert.Equal([IPAddress.Parse("203.0.113.7")], addresses);
    }

    [Fact]
    public async Task An_exact_host_and_port_entry_connects_where_the_operator_pointed_it()
    {
        var guard = Guard(["127.0.0.1:7443"], _ => throw new InvalidOperationException("an address literal is not resolved"));

        Assert.Equal([IPAddress.Loopback], await guard.Addresses("127.0.0.1", 7443, CancellationToken.None));
        await Assert.ThrowsAsync<HttpRequestException>(() => guard.Addresses("127.0.0.1", 7444, CancellationToken.None));
    }

    private static PushConnectGuard Guard(string[] allowed, Func<string, IPAddress[]> resolve) =>
        new(new PushEndpointPolicy(allowed), (host, _) => Task.FromResult(resolve(host)));
}
