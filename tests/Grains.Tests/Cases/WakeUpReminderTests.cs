using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// An active case's wake-up reminder is what brings it back after a restart or an idle
/// collection. A case opened while the reminder store refused it must not wait for an activation
/// that nothing would cause: it tries again until the reminder is there.
/// </summary>
[Collection(FaultyStorage.Name)]
public sealed class WakeUpReminderTests(FaultyStorageCluster fixture)
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
}
