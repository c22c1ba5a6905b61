using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Orleans.Storage;
using Xunit;

namespace EarlyWarning.Grains.Tests.Hosting;

/// <summary>The embedded gateway's file storage: ETags checked as <see cref="InProcessGrainStorage"/> checks them, and everything back after the file is opened again.</summary>
[Collection(SharedCluster.Name)]
public sealed class SqliteGrainStorageTests(ClusterFixture fixture) : GrainStorageContract(fixture), IDisposable
{
    private readonly TemporaryDatabase _file = new();

    protected override IGrainStorage NewStorage() => Open();

    [Fact]
    public async Task A_state_written_is_read_back_from_the_file_by_a_new_process_with_its_etag()
    {
        var written = new GrainState<SubscriberState>(new SubscriberState { Tile = "11/1144/763", AlertedCases = ["case-1"] });
        await Open().WriteStateAsync("subscriber", Grain, written);
        Close();

        var read = new GrainState<SubscriberState>(new SubscriberState());
        await Open().ReadStateAsync("subscriber", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("11/1144/763", read.State!.Tile);
        Assert.Equal(["case-1"], read.State.AlertedCases);
    }

    [Fact]
    public async Task A_cleared_state_is_gone_after_reopening_and_its_rewrite_never_reuses_an_etag()
    {
        var storage = Open();
        var state = new GrainState<SubscriberState>(new SubscriberState { Tile = "a" });
        await storage.WriteStateAsync("subscriber", Grain, state);
        var before = state.ETag;
        await storage.ClearStateAsync("subscriber", Grain, state);
        Close();

        storage = Open();
        var read = new GrainState<SubscriberState>(new SubscriberState());
        await storage.ReadStateAsync("subscriber", Grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(state.State!.Tile);

        // A stale activation still holding the old ETag must not overwrite the new life of the row.
        await storage.WriteStateAsync("subscriber", Grain, read);
        Assert.NotEqual(before, read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("subscriber", Grain, new GrainState<SubscriberState>(new SubscriberState(), before)));
    }

    [Fact]
    public async Task States_of_other_names_and_grains_are_kept_apart()
    {
        var storage = Open();
        var other = GrainId.Create("subscriber", "sqlite-storage-other");
        await storage.WriteStateAsync("subscriber", Grain, new GrainState<SubscriberState>(new SubscriberState { Tile = "mine" }));
        await storage.WriteStateAsync("subscriber", other, new GrainState<SubscriberState>(new SubscriberState { Tile = "other" }));
        await storage.WriteStateAsync("elsewhere", Grain, new GrainState<SubscriberState>(new SubscriberState { Tile = "other name" }));

        var read = new GrainState<SubscriberState>(new SubscriberState());
        await storage.ReadStateAsync("subscriber", Grain, read);

        Assert.Equal("mine", read.State!.Tile);
    }

    private SqliteGrainStorage Open() => new(_file.Open(), Serializer());

    private void Close() => _file.Close();

    public void Dispose() => _file.Dispose();
}
