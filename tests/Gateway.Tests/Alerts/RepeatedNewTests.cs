using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>
/// A tile whose silo died after a gateway wrote its batch but before the tile stored the
/// confirmation sends those subscribers <c>new</c> again with its next push (it cannot tell
/// whether the first left). The gateway holding their connections tells the repeat apart.
/// </summary>
public sealed class RepeatedNewTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_new_sent_again_to_a_connection_that_had_it_arrives_as_an_update_and_one_that_never_had_it_gets_its_new()
    {
        // Kratovo: far from every other test's positions (the batches are handed over by hand).
        using var anonymous = factory.CreateClient();
        var (alertedId, alertedToken) = await Requests.Subscribe(anonymous, 42.0783, 22.1806, radiusKm: 3);
        var (missedId, missedToken) = await Requests.Subscribe(anonymous, 42.0790, 22.1810, radiusKm: 3);
        await using var alertedHub = await factory.ConnectHubAsync(alertedToken);
        await using var missedHub = await factory.ConnectHubAsync(missedToken);
        var alerted = new AlertInbox(alertedHub);
        var missed = new AlertInbox(missedHub);
        var delivery = factory.Services.GetRequiredService<LocalAlertDelivery>();
        var caseId = $"c-{Guid.NewGuid():N}";
        await Until(alertedId, held: true);
        await Until(missedId, held: true);

        // The first batch reached only the first phone; the tile's repeat names both as new.
        await delivery.Deliver(HandedBatches.Public(caseId, 1, New(alertedId)));
        await alerted.WaitFor(AlertInbox.Is(caseId, "new"), "the first new");
        await delivery.Deliver(HandedBatches.Public(caseId, 2, New(alertedId), New(missedId)));

        var repeated = await alerted.WaitFor(m => AlertInbox.Is(caseId, "update")(m) && m.GetProperty("version").GetInt64() == 2, "the repeat, as an update");
        var first = await missed.WaitFor(AlertInbox.Is(caseId, "new"), "the missed phone's new");
        Assert.Equal(2, repeated.GetProperty("version").GetInt64());
        Assert.Equal(2, first.GetProperty("version").GetInt64());
        Assert.Single(alerted.Received, m => m.GetProperty("kind").GetString() == "new");
        Assert.Single(missed.Received, m => m.GetProperty("kind").GetString() == "new");
    }

    [Fact]
    public async Task A_subscriber_is_forgotten_with_its_last_connection_so_a_repeat_after_reconnecting_comes_as_new()
    {
        // Kriva Palanka. The gateway forgets with the last connection: a phone that reconnects
        // catches up over REST and its page keeps one card per case, so the repeat is only shown.
        using var anonymous = factory.CreateClient();
        var (id, token) = await Requests.Subscribe(anonymous, 42.2017, 22.3317, radiusKm: 3);
        var delivery = factory.Services.GetRequiredService<LocalAlertDelivery>();
        var caseId = $"c-{Guid.NewGuid():N}";
        await using (var before = await factory.ConnectHubAsync(token))
        {
            var inbox = new AlertInbox(before);
            await Until(id, held: true);
            await delivery.Deliver(HandedBatches.Public(caseId, 1, New(id)));
            await inbox.WaitFor(AlertInbox.Is(caseId, "new"), "the first new");
        }

        await Until(id, held: false);
        await using var after = await factory.ConnectHubAsync(token);
        var again = new AlertInbox(after);
        await Until(id, held: true);
        await delivery.Deliver(HandedBatches.Public(caseId, 2, New(id)));

        var repeated = await again.WaitFor(m => m.GetProperty("caseId").GetString() == caseId, "the repeat");
        Assert.Equal("new", repeated.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_older_batch_arriving_after_the_cases_cancel_writes_nothing_to_the_connection()
    {
        // Probištip. A silo gave up on a slow gateway's relay of v2 and resolved the case through
        // another; the slow relay's copy of v2 reaches the gateways after the cancel.
        using var anonymous = factory.CreateClient();
        var (id, token) = await Requests.Subscribe(anonymous, 42.0031, 22.1786, radiusKm: 3);
        await using var hub = await factory.ConnectHubAsync(token);
        var inbox = new AlertInbox(hub);
        var delivery = factory.Services.GetRequiredService<LocalAlertDelivery>();
        var caseId = $"c-{Guid.NewGuid():N}";
        var marker = $"c-{Guid.NewGuid():N}";
        await Until(id, held: true);

        await delivery.Deliver(HandedBatches.Public(caseId, 1, New(id)));
        await delivery.Deliver(HandedBatches.Public(caseId, 3, new AlertRecipient(id, AlertKind.Cancel, "en", 0.5)));
        await inbox.WaitFor(AlertInbox.Is(caseId, "cancel"), "the cancel");
        await delivery.Deliver(HandedBatches.Public(caseId, 2, New(id), New($"s-{Guid.NewGuid():N}")));
        await delivery.Deliver(HandedBatches.Public(caseId, 3, new AlertRecipient(id, AlertKind.Update, "en", 0.5)));

        // A connection's messages arrive in order: once the next case's alert is here, any late one would be too.
        await delivery.Deliver(HandedBatches.Public(marker, 1, New(id)));
        await inbox.WaitFor(AlertInbox.Is(marker, "new"), "the next case's alert");
        Assert.Equal(["new", "cancel"], inbox.Received.Where(m => m.GetProperty("caseId").GetString() == caseId).Select(m => m.GetProperty("kind").GetString()));
    }

    /// <summary>
    /// Until the gateway holds (or no longer holds) a connection of the subscriber: SignalR answers
    /// the handshake before the hub's OnConnectedAsync notes the connection, and notes a close
    /// after the client has gone, so a batch handed over at once could find it not yet there.
    /// </summary>
    private async Task Until(string subscriberId, bool held)
    {
        var connections = factory.Services.GetRequiredService<LocalConnections>();
        for (var i = 0; i < 300 && connections.TryGet(subscriberId, out _) != held; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(held, connections.TryGet(subscriberId, out _));
    }

    private static AlertRecipient New(string subscriberId) => new(subscriberId, AlertKind.New, "en", 0.5);
}
