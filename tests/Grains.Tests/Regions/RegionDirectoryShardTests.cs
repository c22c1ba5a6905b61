using System.Text.Json;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace EarlyWarning.Grains.Tests.Regions;

/// <summary>
/// The directory split by zoom-7 shards: a zone reaches a tile in a shard other than its centre's,
/// whichever of the two comes first, and the shards keep no child. The places sit on the parallel
/// 40.98° N between two shards, tens of km from every town the other tests use.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class RegionDirectoryShardTests(ClusterFixture fixture)
{
    // 14 km of watch over a 1 km zone reaches the subscriber 12.2 km south, across the shard edge.
    private const double FarWatchKm = 14;
    private static readonly RegionOptions Regions = new();

    [Fact]
    public async Task A_tile_in_another_shard_than_the_case_centre_gets_the_zone_when_zone_plus_watch_radius_reach_it()
    {
        var lastSeen = new GeoPoint(41.04, 21.70);
        var at = new GeoPoint(40.93, 21.70);
        AssertInOtherShards(lastSeen, at);
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, at, watchRadiusKm: FarWatchKm);

        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        var alert = await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);
        Assert.InRange(alert.DistanceKm, 10, FarWatchKm);
        Assert.Equal(Given.Child.Name, fixture.Sink.BatchesFor(caseId)[0].Child?.Name);
    }

    [Fact]
    public async Task A_latecomer_in_another_shard_registering_after_publication_adopts_the_zone_and_is_alerted_with_the_child()
    {
        var lastSeen = new GeoPoint(41.04, 21.90);
        var at = new GeoPoint(40.93, 21.90);
        AssertInOtherShards(lastSeen, at);
        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        // The tile has no subscriber yet: this one registers it with its shard, which hands over the zone.
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, at, watchRadiusKm: FarWatchKm);

        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);
        var batch = Assert.Single(fixture.Sink.BatchesFor(caseId), b => b.Recipients.Any(r => r.SubscriberId == subscriberId));
        Assert.Equal(Given.Child, batch.Child);
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, subscriberId));
    }

    [Fact]
    [Trait("Category", "Privacy")]
    public async Task The_stored_directory_shard_holds_the_zone_but_no_child()
    {
        var lastSeen = new GeoPoint(41.05, 22.30);
        var child = new ChildProfile("Verica Trajkovska", 8, "f", "Green raincoat, yellow boots", null);
        var caseId = Given.CaseId();
        var grain = fixture.Client.GetGrain<ICaseGrain>(caseId);
        await grain.Open(new CaseOpening(child, lastSeen.Lat, lastSeen.Lon, fixture.Clock.GetUtcNow(), TravelMode.Walking, CaseLevel.Public, "operator-1"));

        var shardKey = DirectoryShards.ShardOf(TileKey.FromPoint(lastSeen, Regions.TileZoom), Regions.DirectoryZoom).ToGrainKey();
        var storage = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var record = new GrainState<RegionDirectoryState>(new RegionDirectoryState());
        await storage.ReadStateAsync("region-directory", fixture.Client.GetGrain<IRegionDirectoryGrain>(shardKey).GetGrainId(), record);

        Assert.NotNull(record.State);
        var zone = Assert.Contains(caseId, record.State.Zones);
        Assert.Equal(lastSeen.Lat, Assert.Single(zone.Anchors).Lat);
        Assert.All(record.State.Zones.Values, z => Assert.Null(z.Child));
        var stored = JsonSerializer.Serialize(record.State);
        Assert.DoesNotContain(child.Name, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(child.Description, stored, StringComparison.Ordinal);
    }

    private static void AssertInOtherShards(GeoPoint lastSeen, GeoPoint subscriber)
    {
        var caseShard = DirectoryShards.ShardOf(TileKey.FromPoint(lastSeen, Regions.TileZoom), Regions.DirectoryZoom);
        var subscriberShard = DirectoryShards.ShardOf(TileKey.FromPoint(subscriber, Regions.TileZoom), Regions.DirectoryZoom);
        Assert.NotEqual(caseShard, subscriberShard);
    }
}
