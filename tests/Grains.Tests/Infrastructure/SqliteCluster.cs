using System.Text;
using EarlyWarning.Grains.Hosting;
using Microsoft.Data.Sqlite;
using Xunit;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A silo of its own keeping grain state and reminders in a SQLite file, as the embedded gateway
/// does by default, with the retention reminder every 2 s so a test can watch it purge on its own.
/// </summary>
public sealed class SqliteCluster : ClusterFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ew-sqlite-cluster-").FullName;

    private string DatabasePath => Path.Combine(_folder, "state.db");

    /// <inheritdoc />
    protected override TimeSpan RetentionCheckPeriod => TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override void AddStorage(ISiloBuilder silo) => silo.AddSqliteStorage(DatabasePath);

    /// <summary>The stored rows (state name and grain id) whose bytes hold <paramref name="marker"/> as UTF-8, read from the file.</summary>
    public List<string> RowsHolding(string marker) => RowsHoldingBytes(Encoding.UTF8.GetBytes(marker));

    /// <summary>The stored rows (state name and grain id) whose bytes hold <paramref name="needle"/>, read from the file.</summary>
    public List<string> RowsHoldingBytes(byte[] needle)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_name, grain_id, data FROM grain_state";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            if (reader.GetFieldValue<byte[]>(2).AsSpan().IndexOf(needle) >= 0)
            {
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)}");
            }
        }

        return rows;
    }

    /// <summary>
    /// The files of the database whose raw bytes hold <paramref name="marker"/>, after a checkpoint
    /// has moved the write-ahead log into the file (old page images stay in the log until then):
    /// free space included, where a row's old version would linger without <c>secure_delete</c>.
    /// </summary>
    public List<string> FilesHolding(string marker)
    {
        var needle = Encoding.UTF8.GetBytes(marker);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        var found = new List<string>();
        foreach (var path in Directory.GetFiles(_folder))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                found.Add(Path.GetFileName(path));
            }
        }

        return found;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Tests on the <see cref="SqliteCluster"/> run one at a time, apart from the shared cluster.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteStorage : ICollectionFixture<SqliteCluster>
{
    public const string Name = "SQLite storage";
}
