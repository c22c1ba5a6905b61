using System.Net;
using EarlyWarning.Domain.Partners;
using Xunit;

namespace EarlyWarning.Domain.Tests.Partners;

/// <summary>The ranges outgoing calls to someone else's address must not reach. Pure: nothing is dialled.</summary>
[Trait("Category", "Interop")]
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b:1::c0a8:101")]
    [InlineData("64:ff9b:1:0:a:102:300:0")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    // The last seven: the same ranges reached through NAT64 or 6to4 (cloud metadata at 169.254.169.254,
    // loopback, private; a local-use NAT64 prefix places 10.1.2.3 as its operator chose), and a Teredo tunnel.
    public void Loopback_private_link_local_and_special_addresses_are_not_public(string address) =>
        Assert.False(PublicAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:db8::7")]
    [InlineData("64:ff9b::cb00:7107")]
    [InlineData("2002:cb00:7107::1")]
    public void Addresses_outside_those_ranges_are_public(string address) =>
        Assert.True(PublicAddress.IsPublic(IPAddress.Parse(address)));
}
