using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Tests.Hosting;

/// <summary>
/// A SQLite file in a folder of its own, opened as often as a test likes: <see cref="Close"/> ends
/// every connection, as a process that stops would, so the next <see cref="Open"/> reads only the file.
/// </summary>
public sealed class TemporaryDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ew-sqlite-").FullName;
    private readonly List<SqliteDatabase> _opened = [];

    /// <summary>The database file itself (its log beside it, "-wal").</summary>
    public string FilePath => Path.Combine(_folder, "state.db");

    /// <summary>A new connection to the file, its log checkpointed every <paramref name="checkpointPeriod"/> (the default when null).</summary>
    public SqliteDatabase Open(TimeSpan? checkpointPeriod = null)
    {
        var database = new SqliteDatabase(FilePath, checkpointPeriod);
        _opened.Add(database);
        return database;
    }

    /// <summary>Ends every connection opened so far.</summary>
    public void Close()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        _opened.Clear();
    }

    public void Dispose()
    {
        Close();
        Directory.Delete(_folder, recursive: true);
    }
}
