using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>
/// The hub's per-connection token buckets at their default sizes (burst 5 locations, 10
/// acknowledgements), refilled once an hour so no refill lands between a test's calls.
/// </summary>
[Trait("Category", "Security")]
public sealed class HubRateLimitTests : ConfiguredGatewayTests
{

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("RateLimits:Hub:Period", "01:00:00");

    [Fact]
    public async Task The_sixth_rapid_UpdateLocation_is_refused_and_another_connection_is_not()
    {
        var token = (await GatewayFactory.TokenFor(App, "field3")).AccessToken;
        await using var hub = await GatewayFactory.ConnectHubAsync(App, token);
        await using var other = await GatewayFactory.ConnectHubAsync(App, token);

        for (var i = 0; i < 5; i++)
        {
            await hub.InvokeAsync("UpdateLocation", 41.99, 21.43 + (i * 0.001));
        }

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("UpdateLocation", 41.99, 21.44));
        Assert.Contains("slow down", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        await other.InvokeAsync("UpdateLocation", 41.99, 21.45);
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
