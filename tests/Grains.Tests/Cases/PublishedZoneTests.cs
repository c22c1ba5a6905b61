using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// The zone partners are told of (<see cref="CaseSnapshot.PublishedAnchors"/>, the CAP message's
/// circles) is the last pushed, of the message's version: when a change partners see is stored but
/// its push fails, the message draws the zone as it stands, never the older version's circles
/// under the newer identifier.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class PublishedZoneTests(ClusterFixture fixture)
{
    private static readonly GeoPoint Struga = new(41.18, 20.68);

    [Fact]
    public async Task A_verified_sighting_whose_push_fails_publishes_no_older_zone_under_its_version()
    {
        var (subscriberId, caseId, grain) = await fixture.OpenCaseAlerting(Struga);
        var opened = (await grain.GetCase())!;
        Assert.Equal(opened.Zone.Anchors.Select(a => (a.Lat, a.Lon)), opened.PublishedAnchors!.Select(a => (a.Lat, a.Lon)));

        var tile = TileKey.FromPoint(Struga.Offset(0, 0.5), new RegionOptions().TileZoom).ToGrainKey();
        fixture.CallFault.Arm(typeof(IRegionGrain), nameof(IRegionGrain.ApplyZone), tile, new InvalidOperationException("Injected: the tile's silo is dying"));
        await Assert.ThrowsAnyAsync<Exception>(() => grain.ReportSighting(Given.Sighting(Struga.Offset(90, 2), fixture.Clock.GetUtcNow(), verified: true)));

        var sighted = (await grain.GetCase())!;
        Assert.True(sighted.PublicVersion > opened.PublicVersion);
        Assert.Equal(2, sighted.Zone.Anchors.Length);
        Assert.Null(sighted.PublishedAnchors);
    }
}
