using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// The silo's zone ticker grows every active case in one pass, without a turn of the case: the
/// tiles hear each growth at the next version, the case takes the versions and timeline back at
/// its next call, and a change of the case never reuses a version the ticker handed out.
/// </summary>
[Collection(ZoneTickerSilo.Name)]
public sealed class ZoneTickerTests(ZoneTickerCluster fixture)
{
    // A walking zone grows 5 km/h: ten minutes is a material growth at any radius below 83 km.
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Ticks_reach_the_tiles_without_calling_the_case()
    {
        var (subscriberId, caseId, grain) = await fixture.OpenCaseAlerting(new GeoPoint(41.70, 22.85));
        var opened = (await grain.GetCase())!.Version;

        for (var i = 1; i <= 5; i++)
        {
            await fixture.Tick(Step);
            await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, opened + i);
        }

        // Five pushes, each one version up, and no call into the case for any of them.
        Assert.DoesNotContain(nameof(ICaseGrain.RefreshZone), fixture.CaseCalls.Methods(caseId));
        Assert.Equal(
            [.. Enumerable.Range(1, 5).Select(i => opened + i)],
            fixture.Sink.AlertsFor(caseId, subscriberId).Where(a => a.Recipient.Kind == AlertKind.Update).Select(a => a.Version).Order());

        // The case takes them back at its next call: version, zone and timeline.
        var snapshot = (await grain.GetCase())!;
        Assert.Equal(opened + 5, snapshot.Version);
        Assert.Equal(opened + 5, snapshot.Zone.Version);
        var expanded = (await grain.GetTimeline()).Where(e => e.Kind == "zone-expanded").ToList();
        Assert.Equal(5, expanded.Count);

        // Each entry says its own push's radius: growing, the last one the zone's.
        var radii = expanded.Select(e => double.Parse(e.Data["radiusKm"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(radii.Order(), radii);
        Assert.Equal(5, radii.Distinct().Count());
        Assert.Equal(Math.Round(snapshot.Zone.RadiusKm, 3), radii[^1]);
    }

    [Fact]
    public async Task A_change_after_a_tick_takes_the_version_after_the_one_the_tiles_heard()
    {
        var (subscriberId, caseId, grain) = await fixture.OpenCaseAlerting(new GeoPoint(41.97, 22.77));
        var opened = (await grain.GetCase())!.Version;
        await fixture.Tick(Step);
        await fixture.Tick(Step);
        var heard = opened + 2;
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, heard);

        // Both pushes were the ticker's own.
        Assert.DoesNotContain(nameof(ICaseGrain.RefreshZone), fixture.CaseCalls.Methods(caseId));

        var changed = await grain.SetPhoto("https://photos.example/ana.jpg", "operator-1");

        Assert.Equal(heard + 1, changed.Case!.Version);
        Assert.Equal(AlertKind.Update, (await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, heard + 1)).Kind);

        // And the tick after the change goes on above it.
        await fixture.Tick(Step);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, heard + 2);
        Assert.Single(fixture.Sink.BatchesFor(caseId), b => b.Version == heard + 1);
    }

    [Fact]
    public async Task A_case_deactivated_after_ticks_stores_what_the_ticker_pushed()
    {
        var (_, caseId, grain) = await fixture.OpenCaseAlerting(new GeoPoint(41.51, 20.96));
        var opened = (await grain.GetCase())!.Version;
        for (var i = 0; i < 3; i++)
        {
            await fixture.Tick(Step);
        }

        var heard = (await fixture.Sink.WaitForBatch(caseId, b => b.Version == opened + 3, "the third growth push reaches the tile")).Version;
        await fixture.Cluster.DeactivateAsync(grain);

        var record = new GrainState<CaseState>(new CaseState());
        await fixture.Storage.ReadStateAsync("case", grain.GetGrainId(), record);
        Assert.Equal(heard, record.State!.Version);
        Assert.Equal(heard, (await grain.GetCase())!.Version);
        Assert.Equal(3, (await grain.GetTimeline()).Count(e => e.Kind == "zone-expanded"));
    }

    [Fact]
    public async Task A_resolved_case_is_grown_no_more()
    {
        var (subscriberId, caseId, grain) = await fixture.OpenCaseAlerting(new GeoPoint(41.03, 21.33));
        await fixture.Tick(Step);
        await fixture.Tick(Step);
        var growing = fixture.Ticker.Count;
        var resolved = (await grain.Resolve(CaseOutcome.Found, null, "operator-1")).Case!.Version;
        Assert.Equal(growing - 1, fixture.Ticker.Count);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Cancel, resolved);

        await fixture.Tick(Step);
        await fixture.Tick(Step);

        Assert.Equal(resolved, (await grain.GetCase())!.Version);
        Assert.Equal(resolved, fixture.Sink.BatchesFor(caseId).Max(b => b.Version));
    }

    [Fact]
    public async Task A_shard_the_ticker_reached_without_a_write_forgets_the_case_when_it_is_resolved()
    {
        var directory = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<RegionDirectory>();
        var lastSeen = new GeoPoint(42.13, 21.71);
        var (_, caseId, grain) = await fixture.OpenCaseAlerting(lastSeen);
        var atOpen = directory.ShardsFor((await grain.GetZone())!);

        // Hours of walking: the zone, widened by the farthest watch radius, reaches a shard it did not.
        string? fresh = null;
        for (var i = 0; i < 10 && fresh is null; i++)
        {
            await fixture.Tick(TimeSpan.FromHours(1));
            fresh = directory.ShardsFor((await grain.GetZone())!).FirstOrDefault(s => !atOpen.Contains(s));
        }

        Assert.NotNull(fresh);
        Assert.DoesNotContain(nameof(ICaseGrain.RefreshZone), fixture.CaseCalls.Methods(caseId));

        // A tile of that shard on the zone's side: registering there adopts the case's zone.
        var shard = TileKey.Parse(fresh);
        var nearest = new GeoPoint(
            Math.Clamp(lastSeen.Lat, shard.SouthLat + 0.01, shard.NorthLat - 0.01),
            Math.Clamp(lastSeen.Lon, shard.WestLon + 0.01, shard.EastLon - 0.01));
        var probe = TileKey.FromPoint(nearest, 11).ToGrainKey();
        Assert.Contains(await directory.Shard(fresh).Register(probe, 100), z => z.CaseId == caseId);

        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        Assert.DoesNotContain(await directory.Shard(fresh).Register(probe, 100), z => z.CaseId == caseId);
    }

    [Fact]
    public async Task A_tick_that_reaches_a_new_country_lists_it_and_the_case_records_the_crossing_once()
    {
        // Gevgelija: Greece a few km south, out of reach of the opening's zone.
        var lastSeen = new GeoPoint(41.14, 22.50);
        var toGreece = Countries.DistancesKm(lastSeen)[Countries.Codes.ToList().IndexOf("GR")];
        Assert.InRange(toGreece, 0.5, 8);
        var (_, caseId, grain) = await fixture.OpenCaseAlerting(lastSeen);
        var directory = fixture.Cluster.Client.GetGrain<ICaseDirectoryGrain>(0);
        Assert.DoesNotContain("GR", (await Line(directory, caseId)).Countries ?? []);

        // Two hours of walking: about 10 km.
        await fixture.Tick(TimeSpan.FromHours(2));

        // The per-country feeds' list has Greece, and the case was not called for it.
        Assert.Contains("GR", (await Line(directory, caseId)).Countries ?? []);
        Assert.DoesNotContain(nameof(ICaseGrain.RefreshZone), fixture.CaseCalls.Methods(caseId));

        // The case takes the crossing back at its next call, once, and stores it with its next write.
        Assert.Contains("GR", (await grain.GetCase())!.Countries ?? []);
        await fixture.Tick(TimeSpan.FromHours(1));
        var crossed = Assert.Single(await grain.GetTimeline(), e => e.Kind == "border-crossed");
        Assert.Equal("GR", crossed.Data["countries"]);
        await fixture.Cluster.DeactivateAsync(grain);
        var record = new GrainState<CaseState>(new CaseState());
        await fixture.Storage.ReadStateAsync("case", grain.GetGrainId(), record);
        Assert.Contains("GR", record.State!.Countries);
        Assert.Single(await grain.GetTimeline(), e => e.Kind == "border-crossed");
    }

    [Fact]
    public async Task Growth_within_the_shards_a_zone_holds_is_pushed_to_its_tiles_without_publishing_it()
    {
        var directory = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<RegionDirectory>();
        var (subscriberId, caseId, grain) = await fixture.OpenCaseAlerting(new GeoPoint(41.40, 20.70));
        var opened = (await grain.GetCase())!.Version;
        var shards = directory.ShardsFor((await grain.GetZone())!);

        // The first tick may publish (this silo may have no copy of the shards' tiles yet); not the next ones.
        await fixture.Tick(Step);
        var published = fixture.CaseCalls.Publishes(caseId);
        for (var i = 2; i <= 4; i++)
        {
            await fixture.Tick(Step);
            await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, opened + i);
        }

        Assert.True(shards.SetEquals(directory.ShardsFor((await grain.GetZone())!)), "the zone reached a new shard: pick another place");
        Assert.Equal(published, fixture.CaseCalls.Publishes(caseId));
        Assert.DoesNotContain(nameof(ICaseGrain.RefreshZone), fixture.CaseCalls.Methods(caseId));
    }

    [Fact]
    public async Task A_tile_registered_after_unpublished_growth_adopts_the_zone_as_grown_and_hears_the_next_push()
    {
        // Every shard its zone can reach (up to 50 km of walking, plus 100 km of watch) it reaches from
        // the start: growth is published to none of them.
        var lastSeen = new GeoPoint(41.40, 21.55);
        var (_, caseId, grain) = await fixture.OpenCaseAlerting(lastSeen);
        await fixture.Tick(Step);
        await fixture.Tick(TimeSpan.FromHours(3));
        var radiusKm = (await grain.GetZone())!.RadiusKm;
        Assert.True(radiusKm > 12, $"the zone is {radiusKm} km across");

        // 10 km west, in a tile of its own the directory had never heard of, watching 1 km: inside
        // the zone as it has grown, far from it as it was last published (a tick's growth at most).
        var place = lastSeen.Offset(270, 10);
        Assert.NotEqual(TileKey.FromPoint(lastSeen, 11), TileKey.FromPoint(place, 11));
        var (latecomer, _) = await fixture.Subscriber(SubscriberKind.Public, place, watchRadiusKm: 1);
        await fixture.Sink.WaitForAlert(caseId, latecomer, AlertKind.New);

        // The next tick finds the tile in its copy of the shard's tiles: the case pushes to it.
        var before = (await grain.GetCase())!.Version;
        await fixture.Tick(Step);
        await fixture.Sink.WaitForAlert(caseId, latecomer, AlertKind.Update, before + 1);
    }

    [Fact]
    public async Task A_newcomer_placed_on_a_tile_a_growth_push_waits_for_is_alerted_and_the_push_goes_through()
    {
        var lastSeen = new GeoPoint(41.88, 21.20);
        var (_, caseId, _) = await fixture.OpenCaseAlerting(lastSeen);
        var place = lastSeen.Offset(90, 0.5);
        var tile = TileKey.FromPoint(place, 11).ToGrainKey();
        Assert.Equal(TileKey.FromPoint(lastSeen.Offset(0, 0.5), 11).ToGrainKey(), tile);

        // The newcomer's placement is held in the tile's turn; the tick's push to that tile waits
        // behind it. Placing asks the case whether it still alerts — while the ticker is pushing
        // for that case: a case that made the question wait for the push would wait for ever.
        var (held, sent, release) = fixture.TileCalls.Arm(tile, nameof(IRegionGrain.Place), nameof(IRegionGrain.ApplyZone));
        var subscribing = fixture.Subscriber(SubscriberKind.Public, place);
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        var ticking = fixture.Tick(Step);
        await sent.WaitAsync(TimeSpan.FromSeconds(10));
        release();

        var (newcomer, _) = await subscribing.WaitAsync(TimeSpan.FromSeconds(20));
        await ticking.WaitAsync(TimeSpan.FromSeconds(20));
        await fixture.Sink.WaitForAlert(caseId, newcomer, AlertKind.New);
    }

    private static async Task<CaseSummary> Line(ICaseDirectoryGrain directory, string caseId) =>
        (await directory.List(null)).Single(c => c.Id == caseId);

    [Fact]
    public async Task A_reactivated_case_whose_zone_has_not_grown_is_handed_back_once_not_every_tick()
    {
        var (_, caseId, grain) = await fixture.OpenCaseAlerting(new GeoPoint(41.23, 22.38));
        await fixture.Cluster.DeactivateAsync(grain);
        await grain.GetTimeline();
        var before = fixture.CaseCalls.Methods(caseId).Count(m => m == nameof(ICaseGrain.RefreshZone));

        // No time passes: nothing to grow. The first tick hands the case back (nothing published
        // yet this activation); from then on the ticker holds what it needs.
        for (var i = 0; i < 4; i++)
        {
            await fixture.Tick(TimeSpan.Zero);
        }

        Assert.True(fixture.CaseCalls.Methods(caseId).Count(m => m == nameof(ICaseGrain.RefreshZone)) - before <= 1, "handed back on every tick");
    }

    [Fact]
    public async Task A_growth_push_that_fails_with_any_exception_lets_the_case_go_and_the_next_tick_pushes_again()
    {
        var lastSeen = new GeoPoint(41.60, 21.30);
        var (subscriberId, caseId, grain) = await fixture.OpenCaseAlerting(lastSeen);
        var opened = (await grain.GetCase())!.Version;
        var tile = TileKey.FromPoint(lastSeen.Offset(0, 0.5), new RegionOptions().TileZoom).ToGrainKey();

        // Not one the push expects (a failed tile): a cancellation nothing asked for.
        fixture.CallFault.Arm(typeof(IRegionGrain), nameof(IRegionGrain.ApplyZone), tile, new OperationCanceledException("Injected"));
        await fixture.Tick(Step);

        // The ticker let the case go: it answers, and the next tick pushes its zone again.
        Assert.NotNull(await grain.GetCase().WaitAsync(TimeSpan.FromSeconds(10)));
        await fixture.Tick(Step);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update);
        Assert.True(fixture.Sink.AlertsFor(caseId, subscriberId).Max(a => a.Version) > opened);
    }

}
