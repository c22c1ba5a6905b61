using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
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
    public async Task Ticks_after_the_stored_one_reach_the_tiles_without_calling_the_case()
    {
        var (subscriberId, caseId, grain) = await OpenCaseAlerting(new GeoPoint(41.70, 22.85));
        var opened = (await grain.GetCase())!.Version;

        // The first growth push is stored, so only the case can make it: the ticker hands it over.
        await fixture.Tick(Step);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, opened + 1);
        var refreshes = fixture.CaseCalls.Methods(caseId).Count(m => m == nameof(ICaseGrain.RefreshZone));
        Assert.Equal(1, refreshes);

        for (var i = 2; i <= 5; i++)
        {
            await fixture.Tick(Step);
            await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, opened + i);
        }

        // Four more pushes, each one version up, and no call into the case for any of them.
        Assert.Equal(refreshes, fixture.CaseCalls.Methods(caseId).Count(m => m == nameof(ICaseGrain.RefreshZone)));
        Assert.Equal(
            [.. Enumerable.Range(1, 5).Select(i => opened + i)],
            fixture.Sink.AlertsFor(caseId, subscriberId).Where(a => a.Recipient.Kind == AlertKind.Update).Select(a => a.Version).Order());

        // The case takes them back at its next call: version, zone and timeline.
        var snapshot = (await grain.GetCase())!;
        Assert.Equal(opened + 5, snapshot.Version);
        Assert.Equal(opened + 5, snapshot.Zone.Version);
        Assert.Equal(5, (await grain.GetTimeline()).Count(e => e.Kind == "zone-expanded"));
    }

    [Fact]
    public async Task A_change_after_a_tick_takes_the_version_after_the_one_the_tiles_heard()
    {
        var (subscriberId, caseId, grain) = await OpenCaseAlerting(new GeoPoint(41.97, 22.77));
        var opened = (await grain.GetCase())!.Version;
        await fixture.Tick(Step);
        await fixture.Tick(Step);
        var heard = opened + 2;
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, heard);

        // The second push was the ticker's own (the first, stored, was handed to the case).
        Assert.Single(fixture.CaseCalls.Methods(caseId), m => m == nameof(ICaseGrain.RefreshZone));

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
        var (_, caseId, grain) = await OpenCaseAlerting(new GeoPoint(41.51, 20.96));
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
        var (subscriberId, caseId, grain) = await OpenCaseAlerting(new GeoPoint(41.03, 21.33));
        await fixture.Tick(Step);
        await fixture.Tick(Step);
        var resolved = (await grain.Resolve(CaseOutcome.Found, null, "operator-1")).Case!.Version;
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Cancel, resolved);

        await fixture.Tick(Step);
        await fixture.Tick(Step);

        Assert.Equal(resolved, (await grain.GetCase())!.Version);
        Assert.Equal(resolved, fixture.Sink.BatchesFor(caseId).Max(b => b.Version));
    }

    /// <summary>A public case opened at <paramref name="lastSeen"/>, once it alerted a subscriber 500 m away (whose tile then hears every push).</summary>
    private async Task<(string SubscriberId, string CaseId, ICaseGrain Grain)> OpenCaseAlerting(GeoPoint lastSeen)
    {
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);
        return (subscriberId, caseId, grain);
    }
}
