using EarlyWarning.Domain.Cases;
using Xunit;

namespace EarlyWarning.Domain.Tests.Cases;

[Trait("Category", "Privacy")]
public sealed class RetentionScheduleTests
{
    private static readonly DateTimeOffset Resolved = new(2025, 6, 1, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7), Month = TimeSpan.FromDays(30);

    [Fact]
    public void An_active_case_owes_nothing_however_old()
    {
        Assert.Equal(RetentionStep.None, RetentionSchedule.Due(null, Resolved.AddYears(5), Week, Month));
    }

    [Theory]
    [InlineData(0, RetentionStep.None)]
    [InlineData(7 * 24 * 60 - 1, RetentionStep.None)]
    [InlineData(7 * 24 * 60, RetentionStep.ReporterContacts)]
    [InlineData(30 * 24 * 60 - 1, RetentionStep.ReporterContacts)]
    [InlineData(30 * 24 * 60, RetentionStep.Everything)]
    [InlineData(400 * 24 * 60, RetentionStep.Everything)]
    public void Contacts_go_once_their_period_has_passed_since_resolve_and_everything_once_the_case_period_has(int minutesAfterResolve, RetentionStep expected)
    {
        Assert.Equal(expected, RetentionSchedule.Due(Resolved, Resolved.AddMinutes(minutesAfterResolve), Week, Month));
    }

    [Fact]
    public void A_clock_behind_the_resolve_owes_nothing()
    {
        Assert.Equal(RetentionStep.None, RetentionSchedule.Due(Resolved, Resolved.AddHours(-1), Week, Month));
    }
}
