using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A case's reminders are what bring it back with nobody touching it: the wake-up (an active case
/// after a restart or an idle collection) and the retention reminder (a resolved case's purge).
/// When the reminder store refuses one, the case keeps trying until it is there: an active case
/// on a timer of its own, a resolved one through its wake-up. Without, nothing would wake it: its
/// zone would stop growing, or the child's data would be kept for good.
/// </summary>
[Collection(FaultyStorage.Name)]
public sealed class RefusedReminderTests(FaultyStorageCluster fixture)
{
    [Fact]
    public async Task A_case_opened_while_the_reminder_store_refused_its_wake_up_registers_it_once_the_store_takes_it()
    {
        var fault = fixture.Reminders.FailRegistrations(CaseGrain.WakeUpReminder);
        ICaseGrain grain;
        try
        {
            (_, grain) = await fixture.OpenCase(new GeoPoint(41.45, 22.25), CaseLevel.Internal);
            Assert.Empty(await fixture.ReminderNames(grain));
        }
        finally
        {
            fixture.Reminders.Clear(fault);
        }

        // Nobody touches the case: it tries again on its own (every 2 s here, the wake-up period).
        await ResolveWithFailingTileTests.Eventually(async () =>
            await fixture.ReminderNames(grain) is [CaseGrain.WakeUpReminder] names ? names : null);
    }

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
