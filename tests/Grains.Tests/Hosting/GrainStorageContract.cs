using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace EarlyWarning.Grains.Tests.Hosting;

/// <summary>
/// What every grain storage of ours must do as Orleans expects of one: read what was written as a
/// copy with its ETag, refuse a write from a stale read, and forget a cleared state. Each storage's
/// test class inherits these and adds what is its own.
/// </summary>
public abstract class GrainStorageContract(ClusterFixture fixture)
{
    protected static readonly GrainId Grain = GrainId.Create("subscriber", "storage-test");

    /// <summary>The storage under test, empty of <see cref="Grain"/>'s state.</summary>
    protected abstract IGrainStorage NewStorage();

    protected IGrainStorageSerializer Serializer() =>
        new OrleansGrainStorageSerializer(fixture.Client.ServiceProvider.GetRequiredService<Serializer>());

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
    public async Task A_write_from_a_stale_read_or_a_first_write_over_a_row_is_refused_and_changes_nothing()
    {
        var storage = NewStorage();
        var first = new GrainState<SubscriberState>(new SubscriberState { Tile = "a" });
        await storage.WriteStateAsync("subscriber", Grain, first);
        var stale = new GrainState<SubscriberState>(new SubscriberState { Tile = "stale" }, first.ETag);
        await storage.WriteStateAsync("subscriber", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("subscriber", Grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("subscriber", Grain, new GrainState<SubscriberState>(new SubscriberState { Tile = "new" })));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("subscriber", Grain, stale));
        var read = new GrainState<SubscriberState>(new SubscriberState());
        await storage.ReadStateAsync("subscriber", Grain, read);
        Assert.Equal("a", read.State!.Tile);
        Assert.Equal(first.ETag, read.ETag);
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
