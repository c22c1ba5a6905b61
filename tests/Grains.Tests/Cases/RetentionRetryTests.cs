using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A purge the store refuses is not taken for done: the next retention check erases the child from
/// storage and from the case list, as if the first had not been tried.
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class RetentionRetryTests(FaultyStorageWithoutReminderCluster fixture)
{
    [Fact]
    public async Task A_purge_whose_write_fails_is_done_by_the_next_check_in_storage_and_the_case_list()
    {
        var (caseId, grain) = await fixture.OpenCase(new GeoPoint(41.40, 22.30), CaseLevel.Internal);
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        var caseGrainId = grain.GetGrainId();
        var fault = fixture.Faults.FailWrites((_, grainId, _) => grainId == caseGrainId);
        fixture.Clock.Advance(TimeSpan.FromDays(31));

        await Assert.ThrowsAnyAsync<Exception>(() => grain.ApplyRetention());
        fixture.Faults.Clear(fault);
        await grain.ApplyRetention();

        var stored = new GrainState<CaseState>(new CaseState());
        await fixture.Storage.ReadStateAsync("case", caseGrainId, stored);
        Assert.NotNull(stored.State!.PurgedAt);
        Assert.DoesNotContain(Given.Child.Name, stored.State.Opening!.Child.Name, StringComparison.Ordinal);
        var listed = Assert.Single(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Resolved), c => c.Id == caseId);
        Assert.NotNull(listed.PurgedAt);
        Assert.Equal(string.Empty, listed.ChildName);
    }
}
