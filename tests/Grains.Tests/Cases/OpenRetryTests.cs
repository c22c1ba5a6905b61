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
/// An opening whose case list or first push fails after the case is stored: the operator's retry
/// (same Idempotency-Key) finishes it, and so does the wake-up reminder when nobody retries. Never
/// a case that is stored, active and silent.
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class OpenRetryTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Kozjak = new(41.95, 21.20);

    [Fact]
    public async Task A_retry_of_an_opening_whose_case_list_failed_lists_the_case_and_alerts_nobody_twice()
    {
        var (nearbyId, _) = await fixture.Subscriber(SubscriberKind.Public, Kozjak.Offset(0, 0.5));
        var key = fixture.Client.GetGrain<ICaseOpeningGrain>($"key-{Guid.NewGuid():N}");
        var caseId = Given.CaseId();
        var opening = Given.Opening(Kozjak, fixture.Clock.GetUtcNow(), CaseLevel.Public);
        var fault = fixture.Faults.FailWrites(StorageFaults.CaseListWrites);

        await Assert.ThrowsAnyAsync<Exception>(() => key.Open("request-a", caseId, opening));

        // Stored and pushed (the alert does not wait for the list), but not listed.
        await fixture.Sink.WaitForAlert(caseId, nearbyId, AlertKind.New);
        Assert.DoesNotContain(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), c => c.Id == caseId);

        fixture.Faults.Clear(fault);
        var retried = await key.Open("request-a", Given.CaseId(), opening);

        Assert.Equal(CaseOpeningOutcome.Replayed, retried.Outcome);
        Assert.Equal(caseId, retried.Case!.Id);
        Assert.Contains(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), c => c.Id == caseId);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, nearbyId));
        Assert.Single(await fixture.Client.GetGrain<ICaseGrain>(caseId).GetTimeline(), e => e.Kind == "opened");
    }

    [Fact]
    public async Task A_retry_of_an_opening_whose_first_push_failed_alerts_the_zone_it_never_sent()
    {
        var (nearbyId, _) = await fixture.Subscriber(SubscriberKind.Public, Kozjak.Offset(90, 0.5));
        var key = fixture.Client.GetGrain<ICaseOpeningGrain>($"key-{Guid.NewGuid():N}");
        var caseId = Given.CaseId();
        var opening = Given.Opening(Kozjak, fixture.Clock.GetUtcNow(), CaseLevel.Public);
        var fault = fixture.Faults.FailWrites(HoldingZoneOf(caseId));

        await Assert.ThrowsAnyAsync<Exception>(() => key.Open("request-a", caseId, opening));

        Assert.NotNull(await fixture.Client.GetGrain<ICaseGrain>(caseId).GetCase());
        Assert.Empty(fixture.Sink.AlertsFor(caseId, nearbyId));

        fixture.Faults.Clear(fault);
        var retried = await key.Open("request-a", Given.CaseId(), opening);

        Assert.Equal(caseId, retried.Case!.Id);
        await fixture.Sink.WaitForAlert(caseId, nearbyId, AlertKind.New);
        Assert.Contains(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), c => c.Id == caseId);
    }

    /// <summary>Writes of any tile that would store <paramref name="caseId"/>'s zone: its push.</summary>
    internal static Func<string, GrainId, object?, bool> HoldingZoneOf(string caseId) =>
        (stateName, _, state) => stateName == "region" && state is RegionState region && region.Zones.ContainsKey(caseId);
}

/// <summary>The same failure with nobody retrying: the wake-up reminder (every 2 s here) finishes the opening.</summary>
[Collection(FaultyStorage.Name)]
public sealed class OpenWakeUpTests(FaultyStorageCluster fixture)
{
    private static readonly GeoPoint Kozjak = new(41.95, 21.20);

    [Fact]
    public async Task An_opening_whose_first_push_failed_is_pushed_and_listed_by_the_wake_up_reminder()
    {
        var (nearbyId, _) = await fixture.Subscriber(SubscriberKind.Public, Kozjak.Offset(180, 0.5));
        var caseId = Given.CaseId();
        var fault = fixture.Faults.FailWrites(OpenRetryTests.HoldingZoneOf(caseId));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            fixture.Client.GetGrain<ICaseGrain>(caseId).Open(Given.Opening(Kozjak, fixture.Clock.GetUtcNow(), CaseLevel.Public)));
        Assert.Empty(fixture.Sink.AlertsFor(caseId, nearbyId));

        fixture.Faults.Clear(fault);

        await fixture.Sink.WaitForAlert(caseId, nearbyId, AlertKind.New);
        await ResolveWithFailingTileTests.Eventually(async () =>
            (await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active)).FirstOrDefault(c => c.Id == caseId));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, nearbyId));
    }
}
