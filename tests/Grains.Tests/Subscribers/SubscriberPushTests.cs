using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Subscribers;

/// <summary>Issue 14: a subscriber's push subscription is kept by its grain, and its tile names it a push recipient.</summary>
[Collection(SharedCluster.Name)]
[Trait("Category", "Push")]
public sealed class SubscriberPushTests(ClusterFixture fixture)
{
    private const int TileZoom = 11;
    private static readonly GeoPoint Kratovo = new(42.0783, 22.1806);
    private static readonly PushSubscriptionRecord Push = new("https://fcm.googleapis.com/fcm/send/abc", "BP256dh", "auth");

    [Fact]
    public async Task A_push_subscriber_is_named_a_push_recipient_in_its_tile_and_after_crossing_into_another()
    {
        // As Subscriber_crossing_tiles_keeps_one_new_and_gets_updates: a zone straddling a tile's eastern edge.
        var tile = TileKey.FromPoint(Kratovo, TileZoom);
        var edge = new GeoPoint((tile.NorthLat + tile.SouthLat) / 2, tile.EastLon);
        var west = edge.Offset(270, 0.5);
        var east = edge.Offset(90, 0.5);
        var (pushId, pusher) = await fixture.Subscriber(SubscriberKind.Field, west);
        var (plainId, _) = await fixture.Subscriber(SubscriberKind.Field, west);
        Assert.True(await pusher.SetPush(Push));

        var (caseId, grain) = await fixture.OpenCase(edge.Offset(270, 0.3), CaseLevel.Internal);
        Assert.True((await fixture.Sink.WaitForAlert(caseId, pushId, AlertKind.New, version: 1)).Push);
        Assert.False((await fixture.Sink.WaitForAlert(caseId, plainId, AlertKind.New, version: 1)).Push);

        Assert.True(await pusher.UpdateLocation(east.Lat, east.Lon));
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();

        Assert.True((await fixture.Sink.WaitForAlert(caseId, pushId, AlertKind.Update, version: 2)).Push);
    }

    [Fact]
    public async Task Deleting_the_push_subscription_stops_naming_it_a_push_recipient()
    {
        var lastSeen = Kratovo.Offset(180, 20);
        var (id, subscriber) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(0, 0.3));
        Assert.True(await subscriber.SetPush(Push));
        Assert.True(await subscriber.SetPush(null));

        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        Assert.False((await fixture.Sink.WaitForAlert(caseId, id, AlertKind.New, version: 1)).Push);
        Assert.Null(await subscriber.GetPush());
    }

    [Fact]
    public async Task A_push_service_saying_gone_forgets_only_the_endpoint_it_names()
    {
        var (_, subscriber) = await fixture.Subscriber(SubscriberKind.Public, Kratovo.Offset(0, 30));
        var newer = Push with { Endpoint = "https://fcm.googleapis.com/fcm/send/newer" };
        Assert.True(await subscriber.SetPush(newer));

        await subscriber.RemovePush(Push.Endpoint);
        Assert.Equal(newer, await subscriber.GetPush());

        await subscriber.RemovePush(newer.Endpoint);
        Assert.Null(await subscriber.GetPush());
    }

    [Fact]
    public async Task A_field_account_on_several_phones_keeps_each_phones_subscription_until_that_phone_turns_pushes_off()
    {
        var lastSeen = Kratovo.Offset(270, 25);
        var (id, team) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(0, 0.3));
        var phones = Enumerable.Range(1, SubscriberGrain.MaxPushSubscriptions + 1)
            .Select(i => Push with { Endpoint = $"https://fcm.googleapis.com/fcm/send/phone-{i}" }).ToArray();
        foreach (var phone in phones)
        {
            Assert.True(await team.SetPush(phone));
        }

        // Put again by its phone: in place, not twice. One phone too many: the oldest goes.
        Assert.True(await team.SetPush(phones[^1]));
        Assert.Equal(phones[1..], await team.GetPushes());

        // One phone signs out: the others go on, and the tile still names the team a push recipient.
        Assert.True(await team.RemovePush(phones[1].Endpoint));
        Assert.Equal(phones[2..], await team.GetPushes());
        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        Assert.True((await fixture.Sink.WaitForAlert(caseId, id, AlertKind.New, version: 1)).Push);
    }

    [Fact]
    public async Task Unsubscribing_erases_the_push_subscription_and_a_stranger_cannot_set_one()
    {
        var (_, subscriber) = await fixture.Subscriber(SubscriberKind.Public, Kratovo.Offset(90, 30));
        Assert.True(await subscriber.SetPush(Push));

        Assert.True(await subscriber.Unsubscribe());

        Assert.Null(await subscriber.GetPush());
        Assert.False(await fixture.Client.GetGrain<ISubscriberGrain>(Given.SubscriberId()).SetPush(Push));
    }
}
