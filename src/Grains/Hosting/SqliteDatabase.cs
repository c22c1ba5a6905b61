using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// The one open connection to the embedded silo's SQLite file, shared by
/// <see cref="SqliteGrainStorage"/> and <see cref="SqliteReminderTable"/>. SQLite serializes
/// writers anyway, so one connection with prepared commands under a lock costs nothing in
/// concurrency and saves opening a connection (and parsing SQL) per grain write.
/// The log is copied into the file (checkpointed) in the background by a connection of its own,
/// never by a write: SQLite's own checkpoint ran inside the commit that filled the log, under the
/// lock, so every grain write of the silo waited for its syncs.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>How often the background connection checkpoints the log when no other period is given.</summary>
    public static readonly TimeSpan DefaultCheckpointPeriod = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _checkpointer;
    private readonly Lock _checkpointGate = new();
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _checkpoints;

    /// <summary>
    /// Opens (creating when absent) the file at <paramref name="path"/> and its folder, in WAL mode,
    /// and checkpoints its log every <paramref name="checkpointPeriod"/> (<see cref="DefaultCheckpointPeriod"/>
    /// when null; <see cref="Timeout.InfiniteTimeSpan"/>: only when <see cref="Checkpoint"/> is called).
    /// </summary>
    public SqliteDatabase(string path, TimeSpan? checkpointPeriod = null, ILogger<SqliteDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _connection = Connect(Path);

        // WAL: a commit appends to the log instead of rewriting pages, and readers never block the
        // writer. synchronous=NORMAL under WAL syncs the log only at checkpoints, not per commit:
        // every committed transaction survives the process being killed (the log is in the OS's
        // page cache, replayed on open), which is what a restart needs; a power loss or OS crash
        // may lose the last transactions before the checkpoint, never corrupt the file. FULL would
        // fsync on every grain write, the hot path's cost. busy_timeout: another process opening
        // the same file by mistake waits instead of failing at once. secure_delete: space a write
        // frees (a purged case's old text, an unsubscribed position) is zeroed, not left in the
        // file's free space; the log keeps old page images only until it is checkpointed.
        // wal_autocheckpoint=0: no commit checkpoints (the background connection does);
        // journal_size_limit: a log grown in a burst is cut back to 64 MiB when it starts over.
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA secure_delete=ON; "
            + "PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;");

        _checkpointer = Connect(Path);
        using (var pragma = _checkpointer.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        var period = checkpointPeriod ?? DefaultCheckpointPeriod;
        _checkpoints = period == Timeout.InfiniteTimeSpan ? Task.CompletedTask : Task.Run(() => CheckpointEvery(period));
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

    /// <summary>
    /// Copies what the log holds into the file as far as it can without waiting for anyone (a
    /// passive checkpoint on the background connection: writes go on meanwhile). Answers how many
    /// frames the log held and how many of them the file now holds.
    /// </summary>
    public (int LogFrames, int Checkpointed) Checkpoint()
    {
        lock (_checkpointGate)
        {
            using var command = _checkpointer.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt32(1), reader.GetInt32(2));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _checkpoints.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for its next period.
        }

        lock (_checkpointGate)
        {
            _checkpointer.Dispose();
        }

        // The last connection to close checkpoints what is left and removes the log.
        lock (Gate)
        {
            _connection.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task CheckpointEvery(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(_stopping.Token))
        {
            try
            {
                Checkpoint();
            }
            catch (SqliteException ex)
            {
                // The log keeps every commit meanwhile: nothing is lost, and the next period tries again.
                HostingLog.CheckpointFailed(_logger, ex, Path);
            }
        }
    }

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
