using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>
/// The hub's token buckets, one set per subscriber on a gateway, at their default sizes (burst 5 locations, 10
/// acknowledgements), refilled once an hour so no refill lands between a test's calls.
/// </summary>
[Trait("Category", "Security")]
public sealed class HubRateLimitTests : ConfiguredGatewayTests
{

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("RateLimits:Hub:Period", "01:00:00");

    [Fact]
    public async Task The_sixth_rapid_UpdateLocation_is_refused_on_every_connection_of_the_subscriber_and_not_for_another()
    {
        var token = (await GatewayFactory.TokenFor(App, "field3")).AccessToken;
        await using var hub = await GatewayFactory.ConnectHubAsync(App, token);
        await using var sameSubscriber = await GatewayFactory.ConnectHubAsync(App, token);
        await using var otherSubscriber = await GatewayFactory.ConnectHubAsync(App, (await GatewayFactory.TokenFor(App, "field5")).AccessToken);

        for (var i = 0; i < 5; i++)
        {
            await hub.InvokeAsync("UpdateLocation", 41.99, 21.43 + (i * 0.001));
        }

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("UpdateLocation", 41.99, 21.44));
        Assert.Contains("slow down", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        // A second socket buys no more moves (fifty sockets were fifty times the rate).
        var again = await Assert.ThrowsAsync<HubException>(() => sameSubscriber.InvokeAsync("UpdateLocation", 41.99, 21.45));
        Assert.Contains("slow down", again.Message, StringComparison.Ordinal);
        await otherSubscriber.InvokeAsync("UpdateLocation", 41.99, 21.45);
    }

    [Fact]
    public async Task The_eleventh_rapid_Acknowledge_is_refused_before_its_arguments_are_read()
    {
        var token = (await GatewayFactory.TokenFor(App, "field4")).AccessToken;
        await using var hub = await GatewayFactory.ConnectHubAsync(App, token);

        for (var i = 0; i < 10; i++)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Acknowledge", "c-unknown", 1L));
            Assert.DoesNotContain("slow down", refused.Message, StringComparison.Ordinal);
        }

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Acknowledge", "c-unknown", 1L));
        Assert.Contains("slow down", error.Message, StringComparison.Ordinal);
    }
}
