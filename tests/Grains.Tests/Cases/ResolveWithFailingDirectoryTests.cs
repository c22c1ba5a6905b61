using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A resolve whose case directory cannot store the case's line: the phones still get their cancel
/// at once (the directory held it back until it answered), and the wake-up reminder lists the case
/// as resolved once the directory answers again.
/// </summary>
[Collection(FaultyStorage.Name)]
public sealed class ResolveWithFailingDirectoryTests(FaultyStorageCluster fixture)
{
    private static readonly GeoPoint Jakupica = new(41.72, 21.43);

    [Fact]
    public async Task Resolve_whose_directory_fails_cancels_every_phone_at_once_and_the_reminder_lists_it_later()
    {
        var (alertedId, caseId, grain) = await fixture.OpenCaseAlerting(Jakupica);
        var fault = fixture.Faults.FailWrites((name, _, _) => name.StartsWith("case-directory", StringComparison.Ordinal));
        try
        {
            var resolved = await grain.Resolve(CaseOutcome.Found, null, "operator-1");

            Assert.Equal(CaseRefusal.None, resolved.Refusal);
            Assert.True(resolved.Case!.CancelsPending);
            await fixture.Sink.WaitForAlert(caseId, alertedId, AlertKind.Cancel);
            Assert.Contains(await grain.GetTimeline(), e => e.Kind == "cancels-pending");
        }
        finally
        {
            // Also when the above fails: the next test on this silo must not find its directory failing.
            fixture.Faults.Clear(fault);
        }

        // The directory answers again: the reminder (every 2 s here) lists the case, nobody calling.
        await ResolveWithFailingTileTests.Eventually(async () => await grain.GetCase() is { CancelsPending: false } c ? c : null);
        Assert.Contains(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Resolved), c => c.Id == caseId);
        Assert.DoesNotContain(await fixture.Client.GetGrain<ICaseDirectoryGrain>(0).List(CaseStatus.Active), c => c.Id == caseId);
        Assert.Contains(await grain.GetTimeline(), e => e.Kind == "cancels-completed");
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, alertedId));
    }
}
