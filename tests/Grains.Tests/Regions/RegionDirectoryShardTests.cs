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
        var storage = fixture.Storage;
        var shardId = fixture.Client.GetGrain<IRegionDirectoryGrain>(shardKey).GetGrainId();
        // The zones are stored in 64 buckets by case id, beside the shard's tiles.
        var zones = new Dictionary<string, ZoneSnapshot>();
        for (var bucket = 0; bucket < 64; bucket++)
        {
            var record = new GrainState<RecordBucket<ZoneSnapshot>>(new RecordBucket<ZoneSnapshot>());
            await storage.ReadStateAsync($"region-directory-zones-{bucket}", shardId, record);
            foreach (var (id, z) in record.State?.Records ?? [])
            {
                zones.Add(id, z);
            }
        }

        var zone = Assert.Contains(caseId, zones);
        Assert.Equal(lastSeen.Lat, Assert.Single(zone.Anchors).Lat);
        Assert.All(zones.Values, z => Assert.Null(z.Child));
        var stored = JsonSerializer.Serialize(zones);
        Assert.DoesNotContain(child.Name, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(child.Description, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_stored_with_its_zones_by_an_earlier_version_moves_them_into_buckets_and_still_hands_them_to_a_tile()
    {
        // Far from every other test: this shard holds this test's zones only.
        var lastSeen = new GeoPoint(44.60, 14.40);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        var zone = (await grain.GetZone())!;
        var tile = TileKey.FromPoint(lastSeen, Regions.TileZoom).ToGrainKey();
        var shard = fixture.Client.GetGrain<IRegionDirectoryGrain>(
            DirectoryShards.ShardOf(TileKey.FromPoint(lastSeen, Regions.TileZoom), Regions.DirectoryZoom).ToGrainKey());
        await fixture.Cluster.DeactivateAsync(shard);
        var storage = fixture.Storage;
        var old = new GrainState<RegionDirectoryState>(new RegionDirectoryState());
        await storage.ReadStateAsync("region-directory", shard.GetGrainId(), old);
        old.State = new RegionDirectoryState { Zones = { ["migrated-case"] = zone with { CaseId = "migrated-case" } } };
        await storage.WriteStateAsync("region-directory", shard.GetGrainId(), old);

        var handed = await shard.Register(tile, 5);

        Assert.Equal([caseId, "migrated-case"], handed.Select(z => z.CaseId).Order());
        var after = new GrainState<RegionDirectoryState>(new RegionDirectoryState());
        await storage.ReadStateAsync("region-directory", shard.GetGrainId(), after);
        Assert.Empty(after.State!.Zones);
        Assert.Contains(tile, after.State.Tiles.Keys);
        await fixture.Cluster.DeactivateAsync(shard);
        Assert.Equal([caseId, "migrated-case"], (await shard.Register(tile, 5)).Select(z => z.CaseId).Order());
    }

    [Fact]
    public async Task A_shard_activated_again_after_a_verified_sighting_hands_a_latecomer_the_zone_around_the_sighting()
    {
        // Far from every other test, in one shard with its sighting.
        var lastSeen = new GeoPoint(44.60, 15.40);
        var seen = lastSeen.Offset(90, 10);
        var shard = fixture.Client.GetGrain<IRegionDirectoryGrain>(
            DirectoryShards.ShardOf(TileKey.FromPoint(lastSeen, Regions.TileZoom), Regions.DirectoryZoom).ToGrainKey());
        Assert.Equal(shard.GetPrimaryKeyString(), DirectoryShards.ShardOf(TileKey.FromPoint(seen, Regions.TileZoom), Regions.DirectoryZoom).ToGrainKey());
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        await grain.ReportSighting(Given.Sighting(seen, fixture.Clock.GetUtcNow(), verified: true));

        // Growth is not published: what a restarted shard holds is what it stored, the anchors' last change.
        await fixture.Cluster.DeactivateAsync(shard);
        var handed = await shard.Register(TileKey.FromPoint(seen, Regions.TileZoom).ToGrainKey(), 5);

        var zone = Assert.Single(handed, z => z.CaseId == caseId);
        Assert.Contains(zone.Anchors, a => Math.Abs(a.Lat - seen.Lat) < 1e-9 && Math.Abs(a.Lon - seen.Lon) < 1e-9);
    }

    private static void AssertInOtherShards(GeoPoint lastSeen, GeoPoint subscriber)
    {
        var caseShard = DirectoryShards.ShardOf(TileKey.FromPoint(lastSeen, Regions.TileZoom), Regions.DirectoryZoom);
        var subscriberShard = DirectoryShards.ShardOf(TileKey.FromPoint(subscriber, Regions.TileZoom), Regions.DirectoryZoom);
        Assert.NotEqual(caseShard, subscriberShard);
    }
}
