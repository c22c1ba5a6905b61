using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Regions;

[Collection(SharedCluster.Name)]
public sealed class RegionGrainTests(ClusterFixture fixture)
{
    private const int TileZoom = 11;

    [Fact]
    public async Task Public_subscriber_is_not_alerted_for_an_internal_case()
    {
        var lastSeen = NorthMacedonia.Kocani;
        var at = lastSeen.Offset(300, 0.5);
        var (fieldId, _) = await fixture.Subscriber(SubscriberKind.Field, at);
        var (publicId, _) = await fixture.Subscriber(SubscriberKind.Public, at);

        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        // Same spot, same tile: the batch that brings the field team its alert is the one that would carry the public's.
        var batch = await fixture.Sink.WaitForBatch(
            caseId, b => b.Recipients.Any(r => r.SubscriberId == fieldId), "the field subscriber is alerted");
        Assert.DoesNotContain(batch.Recipients, r => r.SubscriberId == publicId);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, publicId));
    }

    [Fact]
    public async Task Public_case_alerts_public_and_field_subscribers_alike()
    {
        var lastSeen = NorthMacedonia.Delcevo;
        var at = lastSeen.Offset(120, 0.5);
        var (fieldId, _) = await fixture.Subscriber(SubscriberKind.Field, at);
        var (publicId, _) = await fixture.Subscriber(SubscriberKind.Public, at);

        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Public);

        var batch = await fixture.Sink.WaitForBatch(
            caseId, b => b.Recipients.Any(r => r.SubscriberId == fieldId), "the field subscriber is alerted");
        Assert.Equal(CaseLevel.Public, batch.Level);
        Assert.Contains(batch.Recipients, r => r.SubscriberId == publicId && r.Kind == AlertKind.New);
    }

    [Fact]
    public async Task Subscriber_beyond_its_watch_radius_of_the_zone_is_not_alerted()
    {
        var lastSeen = NorthMacedonia.Valandovo;
        // 1 km zone + 2 km watch: 2.9 km from the centre is in, 3.1 km is out.
        var (insideId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(0, 2.9));
        var (outsideId, _) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(0, 3.1));

        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        var inside = await fixture.Sink.WaitForAlert(caseId, insideId, AlertKind.New);
        Assert.Equal(1.9, inside.DistanceKm, 6);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, outsideId));
    }

    [Fact]
    public async Task Latecomer_entering_zone_gets_exactly_one_new_alert()
    {
        var lastSeen = NorthMacedonia.Struga;
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        var first = lastSeen.Offset(90, 0.3);
        var second = lastSeen.Offset(90, 0.6);
        Assert.Equal(TileKey.FromPoint(first, TileZoom), TileKey.FromPoint(second, TileZoom));

        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, first);
        var alert = await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);
        Assert.Equal(0, alert.DistanceKm);

        Assert.True(await subscriber.UpdateLocation(second.Lat, second.Lon));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));

        // Still known to its region: the next zone push updates it.
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, version: 2);
        Assert.Equal([AlertKind.New, AlertKind.Update], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task Latecomer_outside_the_zone_is_not_alerted_until_it_moves_in()
    {
        var lastSeen = NorthMacedonia.Kicevo;
        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, lastSeen.Offset(200, 8));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, subscriberId));

        var inside = lastSeen.Offset(200, 0.5);
        Assert.True(await subscriber.UpdateLocation(inside.Lat, inside.Lon));
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task Field_subscriber_turned_public_hears_no_more_of_an_internal_case()
    {
        var lastSeen = NorthMacedonia.Skopje.Offset(270, 30);
        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, lastSeen);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);

        await subscriber.Subscribe(new SubscriberProfile(SubscriberKind.Public, "mk", Given.WatchRadiusKm, lastSeen.Lat, lastSeen.Lon));
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();

        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task A_region_reactivated_from_storage_still_knows_its_subscribers_and_who_it_alerted()
    {
        var lastSeen = NorthMacedonia.Resen;
        var at = lastSeen.Offset(45, 0.4);
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, at);
        var region = fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(at, TileZoom).ToGrainKey());
        await fixture.Cluster.DeactivateAsync(region);

        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);
        await fixture.Cluster.DeactivateAsync(region);
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Cancel);
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task Subscribers_placed_in_bulk_are_matched_like_single_ones_and_counted_by_reach()
    {
        var lastSeen = NorthMacedonia.Kumanovo;
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        var near = lastSeen.Offset(90, 0.3);
        var far = lastSeen.Offset(90, 40);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        RegionSubscriber[] subscribers =
        [
            new($"bulk-field-{suffix}", near.Lat, near.Lon, 1, SubscriberKind.Field, "mk"),
            new($"bulk-public-{suffix}", near.Lat, near.Lon, 1, SubscriberKind.Public, "sq"),
        ];
        // The cluster is shared: count what others left here before.
        var (internalBefore, publicBefore) = (await grain.PreviewReach(CaseLevel.Internal), await grain.PreviewReach(CaseLevel.Public));
        await fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(near, TileZoom).ToGrainKey()).PlaceMany(subscribers);
        await fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(far, TileZoom).ToGrainKey())
            .PlaceMany([new($"bulk-far-{suffix}", far.Lat, far.Lon, 1, SubscriberKind.Field, "en")]);

        await fixture.Sink.WaitForAlert(caseId, subscribers[0].Id, AlertKind.New);

        Assert.Empty(fixture.Sink.AlertsFor(caseId, subscribers[1].Id));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, $"bulk-far-{suffix}"));
        Assert.Equal(internalBefore + 1, await grain.PreviewReach(CaseLevel.Internal));
        Assert.Equal(publicBefore + 2, await grain.PreviewReach(CaseLevel.Public));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscribers[0].Id));
    }

    [Fact]
    public async Task A_subscriber_watching_far_from_a_tile_the_zone_never_reached_is_alerted_at_once_and_cancelled()
    {
        var demirKapija = new GeoPoint(41.4056, 22.2464);
        var (caseId, grain) = await fixture.OpenCase(demirKapija, CaseLevel.Internal);
        var farAway = demirKapija.Offset(90, 30);

        // 30 km out, watching 35 km: its tile held no subscriber, so no push ever went there.
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, farAway, watchRadiusKm: 35);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Cancel);
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    public async Task A_move_within_a_tile_is_stored_so_a_reactivated_region_has_the_subscriber_only_where_it_went()
    {
        var from = new GeoPoint(41.6500, 20.7500);
        var to = from.Offset(90, 3);
        Assert.Equal(TileKey.FromPoint(from, TileZoom), TileKey.FromPoint(to, TileZoom));
        var (_, subscriber) = await fixture.Subscriber(SubscriberKind.Field, from, watchRadiusKm: 0.2);
        await subscriber.UpdateLocation(to.Lat, to.Lon);
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(to, TileZoom).ToGrainKey()));

        var (_, atFrom) = await fixture.OpenCase(from, CaseLevel.Internal);
        var (_, atTo) = await fixture.OpenCase(to, CaseLevel.Internal);

        Assert.Equal(0, await atFrom.PreviewReach(CaseLevel.Internal));
        Assert.Equal(1, await atTo.PreviewReach(CaseLevel.Internal));
    }
}
