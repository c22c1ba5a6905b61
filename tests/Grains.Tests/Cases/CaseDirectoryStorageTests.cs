using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// The case list is stored in buckets of cases, so a case's change rewrites its bucket only, not
/// every case's line; a list stored whole by an earlier version is moved into the buckets.
/// Each test uses a directory key of its own (the list in use is key 0).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class CaseDirectoryStorageTests(ClusterFixture fixture)
{
    private const int Buckets = 64;

    [Fact]
    public async Task A_batch_of_lines_rewrites_each_touched_bucket_once_and_never_replaces_a_newer_line()
    {
        var directory = fixture.Client.GetGrain<ICaseDirectoryGrain>(9_103);
        await directory.Upsert(Summary("batch-a", version: 3));
        var before = await StoredBuckets(9_103);

        var taken = await directory.UpsertMany([Summary("batch-a", version: 2), Summary("batch-b", version: 1), Summary("batch-c", version: 1)]);

        Assert.Equal([false, true, true], taken);
        var lines = (await directory.List(null)).ToDictionary(c => c.Id);
        Assert.Equal(3, lines["batch-a"].Version);
        Assert.Equal(1, lines["batch-b"].Version);
        var after = await StoredBuckets(9_103);
        Assert.Equal(3, after.Sum(b => b.State.Records.Count));
        Assert.Equal(3, after.SelectMany(b => b.State.Records.Values).Single(r => r.Id == "batch-a").Version);

        // Only the buckets of the lines taken were written.
        var rewritten = Enumerable.Range(0, Buckets).Where(b => before[b].ETag != after[b].ETag).ToHashSet();
        string[] takenIds = ["batch-b", "batch-c"];
        Assert.Equal(takenIds.Select(id => Array.FindIndex(after, b => b.State.Records.ContainsKey(id))).ToHashSet(), rewritten);
    }

    [Fact]
    public async Task A_case_change_rewrites_only_the_stored_bucket_holding_that_case()
    {
        var directory = fixture.Client.GetGrain<ICaseDirectoryGrain>(9_101);
        for (var i = 0; i < 200; i++)
        {
            await directory.Upsert(Summary($"bucket-case-{i}", version: 1));
        }

        var before = await StoredBuckets(9_101);
        await directory.Upsert(Summary("bucket-case-7", version: 2));
        var after = await StoredBuckets(9_101);

        var rewritten = Enumerable.Range(0, Buckets).Where(b => before[b].ETag != after[b].ETag).ToList();
        var bucket = Assert.Single(rewritten);
        Assert.Equal(2, after[bucket].State.Records["bucket-case-7"].Version);
        Assert.True(after[bucket].State.Records.Count < 20, $"the rewritten bucket held {after[bucket].State.Records.Count} of 200 cases");
        // Every case is stored once, in one bucket.
        Assert.Equal(200, after.Sum(b => b.State.Records.Count));
        Assert.Equal(200, after.SelectMany(b => b.State.Records.Keys).Distinct().Count());
        Assert.Equal(200, (await directory.List(null)).Length);
    }

    [Fact]
    public async Task A_case_list_stored_whole_by_an_earlier_version_is_listed_moved_into_buckets_and_its_record_cleared()
    {
        var grainId = fixture.Client.GetGrain<ICaseDirectoryGrain>(9_102).GetGrainId();
        var whole = new GrainState<Dictionary<string, CaseSummary>>(new Dictionary<string, CaseSummary>
        {
            ["old-case-1"] = Summary("old-case-1", version: 3),
            ["old-case-2"] = Summary("old-case-2", version: 5) with { Status = CaseStatus.Resolved },
        });
        await fixture.Storage.WriteStateAsync("case-directory", grainId, whole);

        var directory = fixture.Client.GetGrain<ICaseDirectoryGrain>(9_102);
        var listed = await directory.List(null);

        Assert.Equal(["old-case-1", "old-case-2"], listed.Select(c => c.Id).Order());
        Assert.Equal(CaseStatus.Resolved, Assert.Single(await directory.List(CaseStatus.Resolved)).Status);
        var read = new GrainState<Dictionary<string, CaseSummary>>([]);
        await fixture.Storage.ReadStateAsync("case-directory", grainId, read);
        Assert.False(read.RecordExists);
        var buckets = await StoredBuckets(9_102);
        Assert.Equal(["old-case-1", "old-case-2"], buckets.SelectMany(b => b.State.Records.Keys).Order());
    }

    private async Task<(string? ETag, RecordBucket<CaseSummary> State)[]> StoredBuckets(long key)
    {
        var grainId = fixture.Client.GetGrain<ICaseDirectoryGrain>(key).GetGrainId();
        return await Task.WhenAll(Enumerable.Range(0, Buckets).Select(async bucket =>
        {
            var state = new GrainState<RecordBucket<CaseSummary>>(new RecordBucket<CaseSummary>());
            await fixture.Storage.ReadStateAsync($"case-directory-{bucket}", grainId, state);
            return (state.ETag, state.State ?? new RecordBucket<CaseSummary>());
        }));
    }

    private static CaseSummary Summary(string id, long version) => new(
        id, CaseStatus.Active, CaseLevel.Public, version, "Directory Child", 41.99, 21.43,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(version));
}
