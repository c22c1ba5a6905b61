using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

/// <summary>
/// A tally's subscriber ids are stored as pages written once plus an open tail, so a write at
/// 100 000 subscribers costs a few thousand ids rather than four whole sets; ids stored whole by
/// an earlier version are kept and moved into pages.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class TallyPagesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Thousands_of_ids_are_stored_as_full_pages_written_once_and_an_open_tail_and_all_counted_after_a_restart()
    {
        var (caseId, _) = await fixture.OpenCase(new GeoPoint(41.45, 20.75), CaseLevel.Internal);
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        var ids = Enumerable.Range(0, 2_500).Select(i => $"paged-{i}").ToArray();
        await tally.RecordAlerted(1, ids);
        // An acknowledgement is stored before it is answered: the write happens now.
        await tally.RecordAcknowledgement("paged-0", 1);

        var record = await Read<CaseTallyState>("case-tally", tally.GetGrainId());
        Assert.Equal(2, record.Alerted.SealedPageCount);
        Assert.Equal(ids[2_048..], record.Alerted.Open);
        Assert.Equal(ids[..1_024], (await Read<SealedPage<string>>("case-tally-alerted-0", tally.GetGrainId())).Entries);
        Assert.Equal(ids[1_024..2_048], (await Read<SealedPage<string>>("case-tally-alerted-1", tally.GetGrainId())).Entries);
        var firstPage = await ETag("case-tally-alerted-0", tally.GetGrainId());

        await fixture.Cluster.DeactivateAsync(tally);
        // Known ids count once; a new one is added after those from the pages.
        await tally.RecordAlerted(1, ["paged-5", "paged-2000", "paged-new"]);
        await tally.RecordAcknowledgement("paged-1", 1);

        var stats = await tally.GetStats(1);
        Assert.Equal((2_501L, 2L), (stats.Alerted, stats.Acknowledged));
        Assert.Equal([.. ids[2_048..], "paged-new"], (await Read<CaseTallyState>("case-tally", tally.GetGrainId())).Alerted.Open);
        // A sealed page is not written again.
        Assert.Equal(firstPage, await ETag("case-tally-alerted-0", tally.GetGrainId()));
    }

    [Fact]
    public async Task Ids_an_earlier_version_stored_whole_in_the_record_are_counted_and_moved_into_the_open_tail()
    {
        var (caseId, _) = await fixture.OpenCase(new GeoPoint(41.45, 20.95), CaseLevel.Internal);
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        await tally.GetStats(1);
        await fixture.Cluster.DeactivateAsync(tally);
        var old = new GrainState<CaseTallyState>(new CaseTallyState());
        await fixture.Storage.ReadStateAsync("case-tally", tally.GetGrainId(), old);
        old.State = new CaseTallyState
        {
            CaseVersion = 1,
            UnpagedAlertedTo = ["old-1", "old-2"],
            UnpagedDeliveredTo = ["old-1"],
            UnpagedAcknowledgedBy = ["old-1"],
        };
        await fixture.Storage.WriteStateAsync("case-tally", tally.GetGrainId(), old);

        var stats = await tally.GetStats(1);
        await tally.RecordAcknowledgement("old-2", 1);

        Assert.Equal((2L, 1L, 1L), (stats.Alerted, stats.Delivered, stats.Acknowledged));
        var record = await Read<CaseTallyState>("case-tally", tally.GetGrainId());
        Assert.Empty(record.UnpagedAlertedTo);
        Assert.Empty(record.UnpagedAcknowledgedBy);
        Assert.Equal(["old-1", "old-2"], record.Alerted.Open);
        Assert.Equal(["old-1", "old-2"], record.Acknowledged.Open);
    }

    private async Task<T> Read<T>(string stateName, GrainId grain)
        where T : class, new()
    {
        var state = new GrainState<T>(new T());
        await fixture.Storage.ReadStateAsync(stateName, grain, state);
        Assert.True(state.RecordExists, $"{stateName} is not stored");
        return state.State!;
    }

    private async Task<string?> ETag(string stateName, GrainId grain)
    {
        var state = new GrainState<SealedPage<string>>(new SealedPage<string>());
        await fixture.Storage.ReadStateAsync(stateName, grain, state);
        return state.ETag;
    }
}
