using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A zone that only grows is not stored on every tick (<see cref="GrowthWrites"/>), yet no tile or
/// page ever sees the case's version go back: not after a crash that lost the unstored pushes, and
/// not after a clean deactivation, which stores them.
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class GrowthWritesTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Berovo = new(41.70, 22.85);
    private static readonly GeoPoint Gevgelija = new(41.14, 22.50);

    [Fact]
    public async Task A_case_that_crashed_after_unstored_growth_goes_on_above_every_version_its_tiles_heard()
    {
        var (subscriberId, caseId, grain) = await OpenCaseAlerting(Berovo);

        var heard = await Grow(caseId, grain, ticks: 5);
        var stored = await Stored(grain);

        // Five pushes, no write: the stored case is still at the version it was opened with.
        Assert.True(stored.Version < heard, $"stored v{stored.Version}, heard v{heard}: a growth push was stored");
        Assert.True(stored.GrowthMayBeUnstored);

        // A crash: the activation ends without storing what it had not stored.
        var fault = fixture.Faults.FailWrites((name, id, _) => name == "case" && id == grain.GetGrainId());
        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Faults.Clear(fault);
        Assert.Equal(stored.Version, (await Stored(grain)).Version);

        var snapshot = (await grain.GetCase())!;
        var resumed = snapshot.Version;
        var after = await Grow(caseId, grain, ticks: 1);

        Assert.True(resumed >= heard, $"resumed at v{resumed}, below v{heard} already heard");

        // Partners' CAP message: the restart alone is no new message (it stays the last one stored,
        // which partners already had); the next push is, above every version they can have had.
        Assert.Equal(stored.PublicVersion, snapshot.PublicVersion);
        var pushed = (await grain.GetCase())!;
        Assert.Equal(after, pushed.PublicVersion);
        Assert.True(pushed.PublicChangedAt > stored.PublicChangedAt, $"CAP sent {pushed.PublicChangedAt}, stored {stored.PublicChangedAt}");
        Assert.True(after > heard, $"pushed v{after} after v{heard}: the tile would drop it as older");
        Assert.Equal(AlertKind.Update, (await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, after)).Kind);
    }

    [Fact]
    public async Task A_case_deactivated_cleanly_stores_its_growth_and_comes_back_at_the_same_version()
    {
        var (_, caseId, grain) = await OpenCaseAlerting(Gevgelija);
        var heard = await Grow(caseId, grain, ticks: 3);
        var timeline = await grain.GetTimeline();

        await fixture.Cluster.DeactivateAsync(grain);
        var stored = await Stored(grain);

        Assert.Equal(heard, stored.Version);
        Assert.Equal(heard, (await grain.GetCase())!.Version);
        Assert.Equal(timeline.Select(e => e.Seq), (await grain.GetTimeline()).Select(e => e.Seq));
        Assert.Equal(3, timeline.Count(e => e.Kind == "zone-expanded"));
    }

    [Fact]
    public async Task A_case_that_crashed_in_the_activation_after_a_clean_deactivation_goes_on_above_every_version_its_tiles_heard()
    {
        var (_, caseId, grain) = await OpenCaseAlerting(new GeoPoint(41.60, 21.20));
        await Grow(caseId, grain, ticks: 2);

        // A clean stop (a redeploy) stores the growth and says nothing more is unstored; the next
        // activation grows again without writing, so its record must say so before it does.
        await fixture.Cluster.DeactivateAsync(grain);
        var heard = await Grow(caseId, grain, ticks: 3);
        var stored = await Stored(grain);
        Assert.True(stored.Version < heard, $"stored v{stored.Version}, heard v{heard}: a growth push was stored");

        var fault = fixture.Faults.FailWrites((name, id, _) => name == "case" && id == grain.GetGrainId());
        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Faults.Clear(fault);

        var resumed = (await grain.GetCase())!.Version;
        Assert.True(resumed >= heard, $"resumed at v{resumed}, below v{heard} already heard: versions issued twice");
    }

    [Fact]
    public async Task A_case_reactivated_while_its_store_refuses_writes_still_answers_and_grows_once_the_store_is_back()
    {
        var (_, caseId, grain) = await OpenCaseAlerting(new GeoPoint(41.35, 21.55));
        await fixture.Cluster.DeactivateAsync(grain);
        var stored = (await Stored(grain)).Version;

        // Reactivated by a tile asking whether it alerts, while every write of it fails.
        var fault = fixture.Faults.FailWrites((name, id, _) => name == "case" && id == grain.GetGrainId());
        try
        {
            Assert.True(await grain.IsAlerting());
            fixture.Clock.Advance(TimeSpan.FromMinutes(10));
            await fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<ZoneTicker>().Tick();
            await grain.RefreshZone();
            Assert.Equal(stored, (await grain.GetCase())!.Version);
            Assert.False((await Stored(grain)).GrowthMayBeUnstored);
        }
        finally
        {
            fixture.Faults.Clear(fault);
        }

        var heard = await Grow(caseId, grain, ticks: 1);
        Assert.True(heard > stored, $"v{heard} after v{stored}: the case did not grow once its store was back");
        Assert.True((await Stored(grain)).GrowthMayBeUnstored);
    }

    [Fact]
    public async Task A_country_the_ticker_reached_before_a_crash_is_still_listed_when_the_case_is_resolved()
    {
        // Greece is a few km south of Gevgelija: two hours of walking reach it.
        var (_, caseId, grain) = await OpenCaseAlerting(Gevgelija);
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<ZoneTicker>().Tick();
        Assert.Contains("GR", (await Line(caseId)).Countries ?? []);

        // The case takes the crossing back, unstored (a growth push is not written on its own)...
        Assert.Contains("GR", (await grain.GetCase())!.Countries ?? []);
        Assert.DoesNotContain("GR", (await Stored(grain)).Countries);

        // ...and a crash loses it. Resolved before any push, the case lists it again.
        var fault = fixture.Faults.FailWrites((name, id, _) => name == "case" && id == grain.GetGrainId());
        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Faults.Clear(fault);
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        var line = await Line(caseId);
        Assert.Equal(CaseStatus.Resolved, line.Status);
        Assert.Contains("GR", line.Countries ?? []);
        Assert.Contains("GR", (await Stored(grain)).Countries);
    }

    private async Task<CaseSummary> Line(string caseId) =>
        (await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(null)).Single(c => c.Id == caseId);

    /// <summary>A public case opened at <paramref name="lastSeen"/>, once it alerted a subscriber 500 m away (whose tile then hears every push).</summary>
    private async Task<(string SubscriberId, string CaseId, ICaseGrain Grain)> OpenCaseAlerting(GeoPoint lastSeen)
    {
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Public);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New);
        return (subscriberId, caseId, grain);
    }

    /// <summary>Moves the clock <paramref name="ticks"/> times by ten minutes (a walking zone's material growth) and ticks; answers the last version the tile sent.</summary>
    private async Task<long> Grow(string caseId, ICaseGrain grain, int ticks)
    {
        var before = fixture.Sink.BatchesFor(caseId).Max(b => b.Version);
        for (var i = 0; i < ticks; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(10));
            await grain.RefreshZone();
        }

        // The tile's batch may reach the sink a moment after the tick returns.
        var version = (await grain.GetCase())!.Version;
        await fixture.Sink.WaitForBatch(caseId, b => b.Version == version, $"the tile sends the last push, v{version}");
        var last = fixture.Sink.BatchesFor(caseId).Max(b => b.Version);
        Assert.True(last >= before + ticks, $"{ticks} ticks took the tile from v{before} to v{last}: the zone did not grow materially each time");
        return last;
    }

    private async Task<CaseState> Stored(ICaseGrain grain)
    {
        var record = new GrainState<CaseState>(new CaseState());
        await fixture.Storage.ReadStateAsync("case", grain.GetGrainId(), record);
        return record.State!;
    }
}
