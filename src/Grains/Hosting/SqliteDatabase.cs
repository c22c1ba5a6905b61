using Microsoft.Data.Sqlite;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// The one open connection to the embedded silo's SQLite file, shared by
/// <see cref="SqliteGrainStorage"/> and <see cref="SqliteReminderTable"/>. SQLite serializes
/// writers anyway, so one connection with prepared commands under a lock costs nothing in
/// concurrency and saves opening a connection (and parsing SQL) per grain write.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteConnection _connection;

    /// <summary>Opens (creating when absent) the file at <paramref name="path"/> and its folder, in WAL mode.</summary>
    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();

        // WAL: a commit appends to the log instead of rewriting pages, and readers never block the
        // writer. synchronous=NORMAL under WAL syncs the log only at checkpoints, not per commit:
        // every committed transaction survives the process being killed (the log is in the OS's
        // page cache, replayed on open), which is what a restart needs; a power loss or OS crash
        // may lose the last transactions before the checkpoint, never corrupt the file. FULL would
        // fsync on every grain write, the hot path's cost. busy_timeout: another process opening
        // the same file by mistake waits instead of failing at once. secure_delete: space a write
        // frees (a purged case's old text, an unsubscribed position) is zeroed, not left in the
        // file's free space; the log keeps old page images only until it is checkpointed.
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA secure_delete=ON;");
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Held around every use of the connection or of a command made by <see cref="Prepare"/>.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Runs <paramref name="sql"/> (schema, pragmas) once.</summary>
    public void Execute(string sql)
    {
        lock (Gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>A prepared command with the named parameters, for use under <see cref="Gate"/>.</summary>
    public SqliteCommand Prepare(string sql, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        lock (Gate)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }

    /// <summary>
    /// Where a table's ETag counter starts in this process: past every ETag stored and past the
    /// clock's ticks, so ETags stay unique over the file's life, not only per row. A row cleared
    /// (gone from the table, so MAX no longer sees it) and written again after a restart never
    /// takes back an ETag a stale activation may still hold; a process writes far fewer than ten
    /// million rows a second, so its counter never overtakes the clock of the next start.
    /// </summary>
    public long FirstETag(string table)
    {
        // The name is one of the callers' constants, never input.
        using var max = Prepare(table switch
        {
            "grain_state" => "SELECT COALESCE(MAX(etag), 0) FROM grain_state",
            "reminders" => "SELECT COALESCE(MAX(etag), 0) FROM reminders",
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "No such table."),
        });
        lock (Gate)
        {
            return Math.Max((long)max.ExecuteScalar()!, DateTime.UtcNow.Ticks);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (Gate)
        {
            _connection.Dispose();
        }
    }
}
