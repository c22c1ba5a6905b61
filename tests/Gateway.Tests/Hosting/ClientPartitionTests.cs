using System.Net;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Tests.Hosting;

[Trait("Category", "Security")]
public sealed class ClientPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    public void An_address_is_keyed_as_ipv4_or_by_its_ipv6_64(string address, string key) =>
        Assert.Equal(key, ClientPartition.KeyOf(IPAddress.Parse(address)));

    [Fact]
    public void Addresses_in_one_64_share_a_key_and_in_another_64_do_not()
    {
        var one = ClientPartition.KeyOf(IPAddress.Parse("2001:db8:0:1::a"));

        Assert.Equal(one, ClientPartition.KeyOf(IPAddress.Parse("2001:db8:0:1:ffff:ffff:ffff:ffff")));
        Assert.NotEqual(one, ClientPartition.KeyOf(IPAddress.Parse("2001:db8:0:2::a")));
        Assert.NotEqual(one, ClientPartition.KeyOf(IPAddress.Parse("2001:db8:1:1::a")));
    }

    [Fact]
    public void IPv4_addresses_are_never_grouped() =>
        Assert.NotEqual(ClientPartition.KeyOf(IPAddress.Parse("203.0.113.7")), ClientPartition.KeyOf(IPAddress.Parse("203.0.113.8")));

    [Fact]
    public void An_unknown_address_has_a_key_of_its_own() =>
        Assert.Equal(ClientPartition.Unknown, ClientPartition.KeyOf(null));
}
