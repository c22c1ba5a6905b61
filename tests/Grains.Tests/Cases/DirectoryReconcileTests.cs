using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// The case directory, activated again (its silo died), asks the cases it lists active whether
/// they still alert: a resolve that could not tell it is listed resolved within moments, not at
/// the case's next wake-up (an hour away in this cluster).
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class DirectoryReconcileTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Kratovo = new(42.08, 22.18);

    [Fact]
    public async Task A_case_resolved_while_the_directory_could_not_store_is_listed_resolved_once_the_directory_activates_again()
    {
        var (caseId, grain) = await fixture.OpenCase(Kratovo, CaseLevel.Public);
        var directory = fixture.Client.GetGrain<ICaseDirectoryGrain>(0);
        Assert.Contains(caseId, (await directory.List(CaseStatus.Active)).Select(c => c.Id));
        var fault = fixture.Faults.FailWrites(StorageFaults.CaseListWrites);

        var resolved = await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        Assert.True(resolved.Case!.CancelsPending);
        Assert.Contains(caseId, (await directory.List(CaseStatus.Active)).Select(c => c.Id));

        fixture.Faults.Clear(fault);
        await fixture.Cluster.DeactivateAsync(directory);

        var listed = await ResolveWithFailingTileTests.Eventually(async () =>
            (await directory.List(CaseStatus.Resolved)).FirstOrDefault(c => c.Id == caseId));
        Assert.Equal(CaseOutcome.Found, listed.Outcome);
        Assert.DoesNotContain(caseId, (await directory.List(CaseStatus.Active)).Select(c => c.Id));
        // Telling the directory finished the owed resolve too.
        await ResolveWithFailingTileTests.Eventually(async () => await grain.GetCase() is { CancelsPending: false } c ? c : null);
    }
}
