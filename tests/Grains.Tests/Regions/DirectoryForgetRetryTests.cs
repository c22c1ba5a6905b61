using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Regions;

/// <summary>
/// A resolve makes every directory shard the zone reached forget it — not only the shard of the
/// last-seen point — and a shard that cannot store that is retried by the wake-up reminder until it has.
/// </summary>
[Collection(FaultyStorage.Name)]
public sealed class DirectoryForgetRetryTests(FaultyStorageCluster fixture)
{
    private static readonly RegionOptions Regions = new();

    [Fact]
    public async Task Resolve_forgets_the_zone_in_every_shard_and_the_reminder_retries_a_shard_whose_write_failed()
    {
        var lastSeen = new GeoPoint(41.04, 22.0);
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        var zone = (await grain.GetZone())!.ToZone();
        var shards = DirectoryShards.Reached(zone.ShapingCircles, Regions.MaxWatchRadiusKm, Regions.DirectoryZoom);
        var centre = DirectoryShards.ShardOf(TileKey.FromPoint(lastSeen, Regions.TileZoom), Regions.DirectoryZoom);
        Assert.True(shards.Count >= 2, "100 km of watch around the zone spans more than its own shard");
        foreach (var shard in shards)
        {
            Assert.Contains(await ZonesSeenFrom(shard, lastSeen), z => z.CaseId == caseId);
        }

        var failing = shards.First(s => s != centre).ToGrainKey();
        var fault = fixture.Faults.FailWrites((stateName, grainId, state) =>
            stateName.StartsWith("region-directory-zones-", StringComparison.Ordinal) && grainId.Key.ToString() == failing
            && state is RecordBucket<ZoneSnapshot> bucket && !bucket.Records.ContainsKey(caseId));

        var resolved = await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        Assert.True(resolved.Case!.CancelsPending);
        foreach (var shard in shards.Where(s => s.ToGrainKey() != failing))
        {
            Assert.DoesNotContain(await ZonesSeenFrom(shard, lastSeen), z => z.CaseId == caseId);
        }

        // Not stored there, so not forgotten there either: a retry still has it to do.
        Assert.Contains(await ZonesSeenFrom(TileKey.Parse(failing), lastSeen), z => z.CaseId == caseId);

        fixture.Faults.Clear(fault);
        await ResolveWithFailingTileTests.Eventually(async () => await grain.GetCase() is { CancelsPending: false } c ? c : null);
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<IRegionDirectoryGrain>(failing));
        foreach (var shard in shards)
        {
            Assert.DoesNotContain(await ZonesSeenFrom(shard, lastSeen), z => z.CaseId == caseId);
        }
    }

    /// <summary>
    /// The zones a tile of <paramref name="shard"/> adopts on registering with it, the tile nearest
    /// <paramref name="from"/> watching as far as any may: every zone the shard holds that reaches it.
    /// </summary>
    private async Task<ZoneSnapshot[]> ZonesSeenFrom(TileKey shard, GeoPoint from)
    {
        const double Inside = 1e-6;
        var nearest = new GeoPoint(
            Math.Clamp(from.Lat, shard.SouthLat + Inside, shard.NorthLat - Inside),
            Math.Clamp(from.Lon, shard.WestLon + Inside, shard.EastLon - Inside));
        var tile = TileKey.FromPoint(nearest, Regions.TileZoom).ToGrainKey();
        return await fixture.Client.GetGrain<IRegionDirectoryGrain>(shard.ToGrainKey()).Register(tile, Regions.MaxWatchRadiusKm);
    }
}
