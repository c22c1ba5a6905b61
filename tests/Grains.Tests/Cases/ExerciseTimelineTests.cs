using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// The timeline says a case was opened as an exercise, and retention keeps saying so: whether a
/// case was a drill is not personal data. On the embedded storage, whose clock retention runs on.
/// </summary>
[Collection(SqliteStorage.Name)]
[Trait("Category", "Safeguarding")]
public sealed class ExerciseTimelineTests(SqliteCluster fixture)
{
    private static readonly GeoPoint Kozuf = new(41.17, 22.20);

    [Fact]
    public async Task An_exercise_is_marked_on_its_opened_entry_and_keeps_the_mark_after_retention_purges_the_case()
    {
        var grain = fixture.Client.GetGrain<ICaseGrain>(Given.CaseId());
        await grain.Open(Given.Opening(Kozuf, fixture.Clock.GetUtcNow(), CaseLevel.Internal) with { Exercise = true });

        Assert.Equal("true", (await grain.GetTimeline()).Single(e => e.Kind == "opened").Data["exercise"]);

        await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        fixture.Clock.Advance(TimeSpan.FromDays(30));
        await grain.ApplyRetention();

        Assert.NotNull((await grain.GetCase())!.PurgedAt);
        var opened = (await grain.GetTimeline()).Single(e => e.Kind == "opened");
        Assert.Equal(("true", "internal"), (opened.Data["exercise"], opened.Data["level"]));
    }

    [Fact]
    public async Task An_ordinary_case_has_no_exercise_mark_on_its_opened_entry()
    {
        var grain = fixture.Client.GetGrain<ICaseGrain>(Given.CaseId());
        await grain.Open(Given.Opening(Kozuf, fixture.Clock.GetUtcNow(), CaseLevel.Internal));

        Assert.DoesNotContain("exercise", (await grain.GetTimeline()).Single(e => e.Kind == "opened").Data.Keys);
    }
}
