using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace EarlyWarning.Grains.Tests.Hosting;

/// <summary>
/// The embedded file's log is copied into the file by the background connection, never inside a
/// grain write (where SQLite's own checkpoint made every write of the silo wait for its syncs).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class SqliteCheckpointTests(ClusterFixture fixture) : IDisposable
{
    // Written twice at two pages or more each: past the 1 000 pages (4 MiB) of log at which
    // SQLite's own checkpoint ran inside a commit.
    private const int States = 300;

    private const long OneMiB = 1 << 20;

    private readonly TemporaryDatabase _file = new();

    [Fact]
    public async Task Writes_past_sqlites_own_checkpoint_size_leave_the_file_untouched_until_the_checkpoint_copies_them()
    {
        var database = _file.Open(Timeout.InfiniteTimeSpan);
        var storage = new SqliteGrainStorage(database, Serializer());
        var fileBefore = new FileInfo(_file.FilePath).Length;

        await WriteLargeStates(storage);

        Assert.Equal(fileBefore, new FileInfo(_file.FilePath).Length);
        var (logFrames, checkpointed) = database.Checkpoint();
        Assert.True(logFrames > 1_000, $"the log held {logFrames} frames");
        Assert.Equal(logFrames, checkpointed);
        Assert.True(new FileInfo(_file.FilePath).Length > fileBefore + OneMiB);
    }

    [Fact]
    public async Task The_background_connection_checkpoints_on_its_own_and_a_new_process_reads_everything()
    {
        var database = _file.Open(TimeSpan.FromMilliseconds(50));
        var storage = new SqliteGrainStorage(database, Serializer());
        var fileBefore = new FileInfo(_file.FilePath).Length;

        await WriteLargeStates(storage);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(_file.FilePath).Length <= fileBefore + OneMiB && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(new FileInfo(_file.FilePath).Length > fileBefore + OneMiB, "the file never received the log's pages");
        _file.Close();

        var reopened = new SqliteGrainStorage(_file.Open(Timeout.InfiniteTimeSpan), Serializer());
        for (var i = 0; i < States; i += 37)
        {
            var read = new GrainState<SubscriberState>(new SubscriberState());
            await reopened.ReadStateAsync("subscriber", Grain(i), read);
            Assert.Equal(Tile(i), read.State!.Tile);
        }
    }

    private static async Task WriteLargeStates(SqliteGrainStorage storage)
    {
        // Each state ~7 KB (two pages), written twice: the log holds every version.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < States; i++)
            {
                var state = new GrainState<SubscriberState>(new SubscriberState
                {
                    Tile = Tile(i),
                    AlertedCases = [.. Enumerable.Range(0, 400).Select(c => $"case-{round}-{c:D4}-{i:D4}")],
                });
                var current = new GrainState<SubscriberState>(new SubscriberState());
                await storage.ReadStateAsync("subscriber", Grain(i), current);
                state.ETag = current.ETag;
                await storage.WriteStateAsync("subscriber", Grain(i), state);
            }
        }
    }

    private OrleansGrainStorageSerializer Serializer() =>
        new(fixture.Client.ServiceProvider.GetRequiredService<Serializer>());

    private static GrainId Grain(int i) => GrainId.Create("subscriber", $"checkpoint-{i:D4}");

    private static string Tile(int i) => $"11/{1000 + i}/763";

    public void Dispose() => _file.Dispose();
}
