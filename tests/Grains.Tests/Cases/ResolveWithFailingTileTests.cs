using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A resolve whose tile cannot store its cancel: the resolve still succeeds, the case leaves the
/// public lists at once, the tile alerts no newcomer for it, and the wake-up reminder completes
/// the cancel once the store answers again.
/// </summary>
[Collection(FaultyStorage.Name)]
public sealed class ResolveWithFailingTileTests(FaultyStorageCluster fixture)
{
    private static readonly GeoPoint Kozjak = new(41.95, 21.20);

    [Fact]
    public async Task Resolve_whose_tile_cancel_fails_succeeds_alerts_no_newcomer_and_the_reminder_completes_the_cancel()
    {
        var (alertedId, _) = await fixture.Subscriber(SubscriberKind.Public, Kozjak.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Kozjak, CaseLevel.Public);
        await fixture.Sink.WaitForAlert(caseId, alertedId, AlertKind.New);
        var tile = TileKey.FromPoint(Kozjak, new RegionOptions().TileZoom).ToGrainKey();
        var fault = fixture.Faults.FailWrites(DroppingZoneOf(caseId, tile));

        var resolved = await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        Assert.Equal(CaseRefusal.None, resolved.Refusal);
        Assert.Equal(CaseStatus.Resolved, resolved.Case!.Status);
        Assert.True(resolved.Case.CancelsPending);
        Assert.DoesNotContain(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), c => c.Id == caseId);
        Assert.Null((await grain.GetZone())!.Child);
        Assert.Contains(await grain.GetTimeline(), e => e.Kind == "cancels-pending");

        // The tile still holds the zone and its ledger (its cancel was not stored), yet a newcomer
        // right next to the last-seen point hears nothing of the case.
        Assert.Contains(caseId, await fixture.Client.GetGrain<IRegionGrain>(tile).AlertedCases(alertedId));
        var (newcomerId, _) = await fixture.Subscriber(SubscriberKind.Public, Kozjak.Offset(90, 0.3));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, newcomerId));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, alertedId));

        // The store answers again: the reminder (every 2 s here) sends the cancel, nobody calling.
        fixture.Faults.Clear(fault);
        await fixture.Sink.WaitForAlert(caseId, alertedId, AlertKind.Cancel);
        var done = await Eventually(async () => await grain.GetCase() is { CancelsPending: false } c ? c : null);
        Assert.Equal(CaseOutcome.Found, done.Outcome);
        var timeline = await grain.GetTimeline();
        Assert.Single(timeline, e => e.Kind == "resolved");
        Assert.Contains(timeline, e => e.Kind == "cancels-completed");
        Assert.Empty(await fixture.Client.GetGrain<IRegionGrain>(tile).AlertedCases(alertedId));
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, alertedId));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, newcomerId));
    }

    /// <summary>Writes of <paramref name="tile"/>'s zones and ledgers that no longer hold <paramref name="caseId"/>: its cancel.</summary>
    internal static Func<string, GrainId, object?, bool> DroppingZoneOf(string caseId, string tile) =>
        (stateName, grainId, state) => stateName == "region" && grainId.Key.ToString() == tile
            && state is RegionState region && !region.Zones.ContainsKey(caseId);

    /// <summary>Polls <paramref name="probe"/> until it answers, for up to <paramref name="within"/> (10 s unless given).</summary>
    internal static async Task<T> Eventually<T>(Func<Task<T?>> probe, TimeSpan? within = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await probe() is { } answer)
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
