using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A resolved case is purged by its retention reminder. When the reminder store refuses that
/// reminder at the resolve, the case keeps its wake-up reminder, whose next tick registers it:
/// with neither, nothing would ever wake the case, and the child's data would be kept for good.
/// </summary>
[Collection(FaultyStorage.Name)]
public sealed class RetentionReminderTests(FaultyStorageCluster fixture)
{
    [Fact]
    public async Task A_resolve_whose_retention_reminder_is_refused_keeps_the_wake_up_until_the_retention_reminder_is_there()
    {
        var (_, grain) = await fixture.OpenCase(new GeoPoint(41.45, 22.25), CaseLevel.Internal);
        var fault = fixture.Reminders.FailRegistrations(CaseGrain.RetentionReminder);
        try
        {
            var resolved = await grain.Resolve(CaseOutcome.Found, null, "operator-1");
            Assert.Equal(CaseStatus.Resolved, resolved.Case!.Status);
            Assert.Equal([CaseGrain.WakeUpReminder], await fixture.ReminderNames(grain));
        }
        finally
        {
            fixture.Reminders.Clear(fault);
        }

        // The store takes it again: the wake-up (every 2 s here) registers the purge's reminder, then goes.
        await ResolveWithFailingTileTests.Eventually(async () =>
            await fixture.ReminderNames(grain) is [CaseGrain.RetentionReminder] names ? names : null);
    }
}
