using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A resolve the store refuses is answered as failed and is not half-applied: the case goes on
/// alerting as stored (the operator was told it failed), also while the write is on its way, and
/// the retry resolves it once.
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class UnstoredResolveTests(FaultyStorageWithoutReminderCluster fixture)
{
    [Fact]
    public async Task A_resolve_whose_write_fails_leaves_the_case_active_and_its_retry_resolves_it_once()
    {
        var (_, grain) = await fixture.OpenCase(new GeoPoint(41.63, 22.46), CaseLevel.Internal);
        var caseGrainId = grain.GetGrainId();
        var fault = fixture.Faults.FailWrites((stateName, grainId, _) => stateName == "case" && grainId == caseGrainId);

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Resolve(CaseOutcome.Found, null, "operator-1"));
        fixture.Faults.Clear(fault);

        Assert.True(await grain.IsAlerting());
        Assert.Equal(CaseStatus.Active, (await grain.GetCase())!.Status);
        var retried = await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        Assert.Equal((CaseRefusal.None, CaseStatus.Resolved), (retried.Refusal, retried.Case!.Status));
        Assert.Single(await grain.GetTimeline(), e => e.Kind == "resolved");
    }

    [Fact]
    public async Task While_a_resolve_waits_for_the_store_the_case_still_alerts_and_a_refused_write_keeps_it_so()
    {
        var (_, grain) = await fixture.OpenCase(new GeoPoint(41.60, 22.40), CaseLevel.Public);
        var caseGrainId = grain.GetGrainId();
        var (reached, release) = fixture.Faults.HoldWrite((stateName, grainId, state) =>
            stateName == "case" && grainId == caseGrainId && state is CaseState { Status: CaseStatus.Resolved });

        var resolving = grain.Resolve(CaseOutcome.Found, null, "operator-1");
        await reached.WaitAsync(TimeSpan.FromSeconds(10));

        // The feeds and the tiles ask meanwhile: a write that may yet fail has not resolved the case.
        Assert.True(await grain.IsAlerting());
        Assert.NotNull(await grain.AlertingChild());
        release(false);
        await Assert.ThrowsAnyAsync<Exception>(() => resolving);
        Assert.True(await grain.IsAlerting());

        var retried = await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        Assert.Equal(CaseStatus.Resolved, retried.Case!.Status);
        Assert.False(await grain.IsAlerting());
        Assert.Null(await grain.AlertingChild());
    }
}
