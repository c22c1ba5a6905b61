using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// An approval stored while the case list cannot be written: the public is alerted at once, and the
/// second supervisor's retry (refused: nothing is pending any more) still puts the public case on
/// the list the feeds read.
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
public sealed class EscalationRetryTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Kozjak = new(41.95, 21.20);

    [Fact]
    public async Task A_retried_approval_whose_case_list_failed_lists_the_case_public()
    {
        var (nearbyId, _) = await fixture.Subscriber(SubscriberKind.Public, Kozjak.Offset(270, 0.5));
        var (caseId, grain) = await fixture.OpenCase(Kozjak, CaseLevel.Internal);
        Assert.Equal(CaseRefusal.None, (await grain.Escalate(Given.EscalationWithConsent("supervisor-1", fixture.Clock.GetUtcNow()))).Refusal);
        var fault = fixture.Faults.FailWrites(StorageFaults.CaseListWrites);

        await Assert.ThrowsAnyAsync<Exception>(() => grain.ApproveEscalation("supervisor-2"));

        await fixture.Sink.WaitForAlert(caseId, nearbyId, AlertKind.New);
        Assert.Equal(CaseLevel.Internal, Listed(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), caseId).Level);

        fixture.Faults.Clear(fault);
        var retried = await grain.ApproveEscalation("supervisor-2");

        Assert.Equal(CaseRefusal.NothingPending, retried.Refusal);
        Assert.Equal(CaseLevel.Public, retried.Case!.Level);
        var listed = Listed(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), caseId);
        Assert.Equal((CaseLevel.Public, false), (listed.Level, listed.EscalationPending));
        Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, nearbyId));
    }

    private static CaseSummary Listed(CaseSummary[] list, string caseId) => Assert.Single(list, c => c.Id == caseId);
}
