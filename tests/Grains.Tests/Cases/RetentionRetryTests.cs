using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
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

    [Fact]
    public async Task A_page_of_sightings_written_before_a_failed_record_write_is_gone_after_the_purge()
    {
        var (_, grain) = await fixture.OpenCase(new GeoPoint(41.35, 22.20), CaseLevel.Internal);
        var caseGrainId = grain.GetGrainId();
        var marker = $"zz{Guid.NewGuid():N}"[..18];
        for (var i = 0; i < CaseJournal.PageSize - 1; i++)
        {
            await grain.ReportSighting(Given.Sighting(new GeoPoint(41.35, 22.21), fixture.Clock.GetUtcNow(), verified: false) with { Description = $"{marker} {i}" });
        }

        // What a crash leaves between the page the next sighting fills and the record that would
        // count it: the page is stored, the record still counts none.
        var held = (await grain.GetCase())!.Sightings;
        var page = new GrainState<SealedPage<SightingRecord>>(new SealedPage<SightingRecord>
        {
            Entries = [.. held, held[0] with { Id = $"s-{Guid.NewGuid():N}", Description = $"{marker} last" }],
        });
        await fixture.Storage.WriteStateAsync("case-sightings-0", caseGrainId, page);
        Assert.Contains(marker, await PageText(caseGrainId), StringComparison.Ordinal);

        await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        fixture.Clock.Advance(TimeSpan.FromDays(31));
        await grain.ApplyRetention();

        Assert.Equal(string.Empty, await PageText(caseGrainId));
    }

    /// <summary>The first page of the case's sealed sightings as stored, as text (empty when there is none).</summary>
    private async Task<string> PageText(GrainId caseGrainId)
    {
        var page = new GrainState<SealedPage<SightingRecord>>(new SealedPage<SightingRecord>());
        await fixture.Storage.ReadStateAsync("case-sightings-0", caseGrainId, page);
        return page.RecordExists ? string.Join("\n", page.State!.Entries.Select(s => $"{s.Description} {s.ReporterContact}")) : string.Empty;
    }
}
