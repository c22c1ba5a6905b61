using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// Grain state in a local SQLite file: one row per (state name, grain id) holding the state in
/// Orleans' binary format (the same <see cref="IGrainStorageSerializer"/> as
/// <see cref="InProcessGrainStorage"/>) and its ETag, checked as that storage checks it: a write
/// or clear that does not hold the row's current ETag (none for a first write) is refused with
/// <see cref="InconsistentStateException"/>. The embedded gateway's default, so one process
/// keeps its cases, sightings, subscribers and ledgers across a restart. Each call runs
/// synchronously under the database's lock: a commit in WAL mode without a sync is a few
/// microseconds of appending, less than handing it to another thread would cost.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly IGrainStorageSerializer _serializer;
    private readonly SqliteDatabase _database;
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _currentETag;
    private long _lastETag;

    /// <summary>Creates the table when absent; ETags continue from the highest stored.</summary>
    public SqliteGrainStorage(SqliteDatabase database, IGrainStorageSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(database);
        (_database, _serializer) = (database, serializer);
        database.Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                etag INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (state_name, grain_id));
            """);
        _read = database.Prepare("SELECT etag, data FROM grain_state WHERE state_name = $s AND grain_id = $g", "$s", "$g");
        _insert = database.Prepare(
            "INSERT INTO grain_state (state_name, grain_id, etag, data) VALUES ($s, $g, $e, $d) ON CONFLICT DO NOTHING",
            "$s", "$g", "$e", "$d");
        _update = database.Prepare(
            "UPDATE grain_state SET etag = $e, data = $d WHERE state_name = $s AND grain_id = $g AND etag = $x",
            "$s", "$g", "$e", "$d", "$x");
        _delete = database.Prepare("DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND etag = $x", "$s", "$g", "$x");
        _currentETag = database.Prepare("SELECT etag FROM grain_state WHERE state_name = $s AND grain_id = $g", "$s", "$g");

        _lastETag = database.FirstETag("grain_state");
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        byte[]? data = null;
        long etag = 0;
        lock (_database.Gate)
        {
            Bind(_read, stateName, grainId);
            using var reader = _read.ExecuteReader();
            if (reader.Read())
            {
                etag = reader.GetInt64(0);
                data = reader.GetFieldValue<byte[]>(1);
            }
        }

        if (data is not null)
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(data));
            grainState.ETag = ToText(etag);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = Bytes(_serializer.Serialize(grainState.State));
        var expected = grainState.ETag;
        long next;
        lock (_database.Gate)
        {
            next = ++_lastETag;
            int changed;
            if (expected is null)
            {
                // A first write, or a write after a clear: nothing may be there.
                Bind(_insert, stateName, grainId);
                _insert.Parameters["$e"].Value = next;
                _insert.Parameters["$d"].Value = data;
                changed = _insert.ExecuteNonQuery();
            }
            else if (TryParse(expected, out var expectedETag))
            {
                Bind(_update, stateName, grainId);
                _update.Parameters["$e"].Value = next;
                _update.Parameters["$d"].Value = data;
                _update.Parameters["$x"].Value = expectedETag;
                changed = _update.ExecuteNonQuery();
            }
            else
            {
                changed = 0;
            }

            if (changed != 1)
            {
                throw Conflict(stateName, grainId, expected);
            }
        }

        grainState.ETag = ToText(next);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        lock (_database.Gate)
        {
            // Clearing what was never written holds if nothing is there; otherwise the row must hold the ETag.
            var cleared = expected is null
                ? CurrentETag(stateName, grainId) is null
                : TryParse(expected, out var expectedETag) && Delete(stateName, grainId, expectedETag);
            if (!cleared)
            {
                throw Conflict(stateName, grainId, expected);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private bool Delete(string stateName, GrainId grainId, long expectedETag)
    {
        Bind(_delete, stateName, grainId);
        _delete.Parameters["$x"].Value = expectedETag;
        return _delete.ExecuteNonQuery() == 1;
    }

    private long? CurrentETag(string stateName, GrainId grainId)
    {
        Bind(_currentETag, stateName, grainId);
        return _currentETag.ExecuteScalar() is long etag ? etag : null;
    }

    /// <summary>Under the lock: what the store holds now goes into the message.</summary>
    private InconsistentStateException Conflict(string stateName, GrainId grainId, string? expected) =>
        new($"State {stateName} of {grainId} changed since it was read (ETag {expected ?? "none"}).",
            CurrentETag(stateName, grainId) is { } current ? ToText(current) : "none", expected ?? "none");

    private static void Bind(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters["$s"].Value = stateName;
        command.Parameters["$g"].Value = grainId.ToString();
    }

    /// <summary>The serializer's bytes without a copy when they fill their array.</summary>
    private static byte[] Bytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private static bool TryParse(string etag, out long value) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string ToText(long etag) => etag.ToString(CultureInfo.InvariantCulture);
}
