using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// Orleans' reminder table in the embedded silo's SQLite file (beside the grain state), so a
/// reminder registered before a restart fires after it: what wakes an active case whose zone
/// must keep growing. One row per (grain, reminder name); ETags unique over the file's life.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteCommand _readGrain;
    private readonly SqliteCommand _readRow;
    private readonly SqliteCommand _readInside;
    private readonly SqliteCommand _readWrapped;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _remove;
    private readonly SqliteCommand _clear;
    private long _lastETag;

    /// <summary>Creates the table when absent; ETags continue from the highest stored.</summary>
    public SqliteReminderTable(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        database.Execute("""
            CREATE TABLE IF NOT EXISTS reminders (
                grain_id TEXT NOT NULL,
                name TEXT NOT NULL,
                grain_hash INTEGER NOT NULL,
                start_at INTEGER NOT NULL,
                period INTEGER NOT NULL,
                etag INTEGER NOT NULL,
                PRIMARY KEY (grain_id, name));
            CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
            """);
        const string Columns = "SELECT grain_id, name, start_at, period, etag FROM reminders";
        _readGrain = database.Prepare($"{Columns} WHERE grain_id = $g", "$g");
        _readRow = database.Prepare($"{Columns} WHERE grain_id = $g AND name = $n", "$g", "$n");
        _readInside = database.Prepare($"{Columns} WHERE grain_hash > $b AND grain_hash <= $e", "$b", "$e");
        _readWrapped = database.Prepare($"{Columns} WHERE grain_hash > $b OR grain_hash <= $e", "$b", "$e");
        _upsert = database.Prepare(
            """
            INSERT INTO reminders (grain_id, name, grain_hash, start_at, period, etag) VALUES ($g, $n, $h, $s, $p, $e)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
            """,
            "$g", "$n", "$h", "$s", "$p", "$e");
        _remove = database.Prepare("DELETE FROM reminders WHERE grain_id = $g AND name = $n AND etag = $x", "$g", "$n", "$x");
        _clear = database.Prepare("DELETE FROM reminders");
        _lastETag = database.FirstETag("reminders");
    }

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_database.Gate)
        {
            _readGrain.Parameters["$g"].Value = grainId.ToString();
            return Task.FromResult(new ReminderTableData(ReadAll(_readGrain)));
        }
    }

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // (begin, end] on the ring of uniform hashes; begin >= end wraps past zero.
        var command = begin < end ? _readInside : _readWrapped;
        lock (_database.Gate)
        {
            command.Parameters["$b"].Value = (long)begin;
            command.Parameters["$e"].Value = (long)end;
            return Task.FromResult(new ReminderTableData(ReadAll(command)));
        }
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_database.Gate)
        {
            _readRow.Parameters["$g"].Value = grainId.ToString();
            _readRow.Parameters["$n"].Value = reminderName;
            return Task.FromResult(ReadAll(_readRow).FirstOrDefault());
        }
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_database.Gate)
        {
            var etag = ++_lastETag;
            _upsert.Parameters["$g"].Value = entry.GrainId.ToString();
            _upsert.Parameters["$n"].Value = entry.ReminderName;
            _upsert.Parameters["$h"].Value = (long)entry.GrainId.GetUniformHashCode();
            _upsert.Parameters["$s"].Value = ToUtc(entry.StartAt).Ticks;
            _upsert.Parameters["$p"].Value = entry.Period.Ticks;
            _upsert.Parameters["$e"].Value = etag;
            _upsert.ExecuteNonQuery();
            return Task.FromResult<string?>(etag.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return Task.FromResult(false);
        }

        lock (_database.Gate)
        {
            _remove.Parameters["$g"].Value = grainId.ToString();
            _remove.Parameters["$n"].Value = reminderName;
            _remove.Parameters["$x"].Value = expected;
            return Task.FromResult(_remove.ExecuteNonQuery() == 1);
        }
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable()
    {
        lock (_database.Gate)
        {
            _clear.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    private static List<ReminderEntry> ReadAll(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }

    private static DateTime ToUtc(DateTime at) => at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
