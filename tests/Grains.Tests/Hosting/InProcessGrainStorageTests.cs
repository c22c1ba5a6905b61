using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace EarlyWarning.Grains.Tests.Hosting;

[Collection(SharedCluster.Name)]
public sealed class InProcessGrainStorageTests(ClusterFixture fixture)
{
    private static readonly GrainId Grain = GrainId.Create("subscriber", "storage-test");

    private InProcessGrainStorage NewStorage() =>
        new(new OrleansGrainStorageSerializer(fixture.Client.ServiceProvider.GetRequiredService<Serializer>()));

    [Fact]
    public async Task A_read_returns_what_was_written_as_a_copy_with_its_etag()
    {
        var storage = NewStorage();
        var written = new GrainState<SubscriberState>(new SubscriberState { Tile = "11/1144/763", AlertedCases = ["case-1"] });
        await storage.WriteStateAsync("subscriber", Grain, written);
        written.State!.AlertedCases[0] = "changed after the write";

        var read = new GrainState<SubscriberState>(new SubscriberState());
        await storage.ReadStateAsync("subscriber", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("11/1144/763", read.State!.Tile);
        Assert.Equal(["case-1"], read.State.AlertedCases);
    }

    [Fact]
    public async Task A_write_from_a_stale_read_is_refused_and_changes_nothing()
    {
        var storage = NewStorage();
        var first = new GrainState<SubscriberState>(new SubscriberState { Tile = "a" });
        await storage.WriteStateAsync("subscriber", Grain, first);
        var stale = new GrainState<SubscriberState>(new SubscriberState { Tile = "stale" }, first.ETag);
        await storage.WriteStateAsync("subscriber", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("subscriber", Grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("subscriber", Grain, new GrainState<SubscriberState>(new SubscriberState())));
        var read = new GrainState<SubscriberState>(new SubscriberState());
        await storage.ReadStateAsync("subscriber", Grain, read);
        Assert.Equal("a", read.State!.Tile);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_missing_and_may_be_written_afresh()
    {
        var storage = NewStorage();
        var state = new GrainState<SubscriberState>(new SubscriberState { Tile = "a" });
        await storage.WriteStateAsync("subscriber", Grain, state);

        await storage.ClearStateAsync("subscriber", Grain, state);
        var read = new GrainState<SubscriberState>(new SubscriberState());
        await storage.ReadStateAsync("subscriber", Grain, read);

        Assert.Null(state.State!.Tile);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        await storage.WriteStateAsync("subscriber", Grain, state);
        Assert.True(state.RecordExists);
    }
}
