using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>A retried resolve of a case whose cancels are still owed: it continues them, answers as the first, and doubles nothing.</summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class ResolveRetryTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Osogovo = new(42.15, 22.45);
    private static readonly GeoPoint Plackovica = new(41.78, 22.30);

    [Fact]
    public async Task Retried_resolve_of_a_resolving_case_continues_the_cancels_answers_as_the_first_and_doubles_nothing()
    {
        var (alertedId, _) = await fixture.Subscriber(SubscriberKind.Public, Osogovo.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Osogovo, CaseLevel.Public);
        await fixture.Sink.WaitForAlert(caseId, alertedId, AlertKind.New);
        var tile = TileKey.FromPoint(Osogovo, new RegionOptions().TileZoom).ToGrainKey();
        var attempts = 0;
        var rule = ResolveWithFailingTileTests.DroppingZoneOf(caseId, tile);
        var fault = fixture.Faults.FailWrites((name, id, state) => rule(name, id, state) && Interlocked.Increment(ref attempts) > 0);

        var first = await grain.Resolve(CaseOutcome.Found, "At the neighbours'", "operator-1");
        var retried = await grain.Resolve(CaseOutcome.Cancelled, null, "operator-2");

        Assert.Equal(CaseRefusal.None, retried.Refusal);
        Assert.True(retried.Case!.CancelsPending);
        Assert.Equal(first.Case!.Outcome, retried.Case.Outcome);
        Assert.Equal(first.Case.Version, retried.Case.Version);
        Assert.Equal(2, attempts);

        fixture.Faults.Clear(fault);
        var completed = await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        var afterwards = await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        Assert.Equal(CaseRefusal.None, completed.Refusal);
        Assert.False(completed.Case!.CancelsPending);
        Assert.Equal(first.Case.Version, completed.Case.Version);
        Assert.Equal(CaseRefusal.Resolved, afterwards.Refusal);
        await fixture.Sink.WaitForAlert(caseId, alertedId, AlertKind.Cancel);
        var timeline = await grain.GetTimeline();
        Assert.Single(timeline, e => e.Kind == "resolved");
        Assert.Single(timeline, e => e.Kind == "cancels-pending");
        Assert.Single(timeline, e => e.Kind == "cancels-completed");
        Assert.Single(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Resolved), c => c.Id == caseId);
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, alertedId));
    }

    [Fact]
    public async Task Newcomer_activating_a_resolving_case_is_answered_at_once_and_the_activation_completes_the_cancels()
    {
        var (alertedId, _) = await fixture.Subscriber(SubscriberKind.Public, Plackovica.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Plackovica, CaseLevel.Public);
        await fixture.Sink.WaitForAlert(caseId, alertedId, AlertKind.New);
        var tile = TileKey.FromPoint(Plackovica, new RegionOptions().TileZoom).ToGrainKey();
        var fault = fixture.Faults.FailWrites(ResolveWithFailingTileTests.DroppingZoneOf(caseId, tile));
        Assert.True((await grain.Resolve(CaseOutcome.Found, null, "operator-1")).Case!.CancelsPending);
        await fixture.Cluster.DeactivateAsync(grain);

        // The tile asks the case about the newcomer; that call activates it, and the activation's
        // retry of the cancels calls this same tile: it must not wait for it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (newcomerId, _) = await fixture.Subscriber(SubscriberKind.Public, Plackovica.Offset(270, 0.3));
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the newcomer was placed in {clock.Elapsed}");
        Assert.Empty(fixture.Sink.AlertsFor(caseId, newcomerId));

        fixture.Faults.Clear(fault);
        await fixture.Cluster.DeactivateAsync(grain);
        await grain.GetCase();
        await fixture.Sink.WaitForAlert(caseId, alertedId, AlertKind.Cancel);
        await ResolveWithFailingTileTests.Eventually(async () => await grain.GetCase() is { CancelsPending: false } c ? c : null);
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, alertedId));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, newcomerId));
    }
}
