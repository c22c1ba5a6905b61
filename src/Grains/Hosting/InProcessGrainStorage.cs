using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// Grain state held in this process, serialized (a stored state never aliases a live one) and
/// guarded by ETags as a real store is; lost when the process ends. For a single silo (the
/// gateway's embedded mode, benchmarks): Orleans' memory storage sends every read and write
/// through one of a few storage grains, copying the bytes on the way, so every state write in
/// the silo queued behind those grains. With one silo there is no one to share the store with.
/// </summary>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Stored> _states = new();
    private long _lastETag;

    /// <summary>The serialized bytes held now, summed over every stored state (counted on each read: for reports).</summary>
    public long StoredBytes => _states.Values.Sum(s => (long)s.Data.Length);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            grainState.ETag = stored.ETag;
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
        var next = new Stored(serializer.Serialize(grainState.State), NextETag());
        Replace((stateName, grainId), grainState.ETag, next);
        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        Replace((stateName, grainId), grainState.ETag, null);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    /// <summary>Stores <paramref name="next"/> (or removes, when null) if the store still holds <paramref name="expectedETag"/>.</summary>
    private void Replace((string, GrainId) key, string? expectedETag, Stored? next)
    {
        if (expectedETag is null)
        {
            // A first write, or a write after a clear: nothing may be there.
            if (next is not null ? _states.TryAdd(key, next) : !_states.ContainsKey(key))
            {
                return;
            }
        }
        else if (_states.TryGetValue(key, out var current) && current.ETag == expectedETag
            && (next is not null ? _states.TryUpdate(key, next, current) : _states.TryRemove(new(key, current))))
        {
            return;
        }

        throw new InconsistentStateException(
            $"State {key.Item1} of {key.Item2} changed since it was read (ETag {expectedETag ?? "none"}).",
            _states.TryGetValue(key, out var now) ? now.ETag : "none", expectedETag ?? "none");
    }

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private sealed record Stored(BinaryData Data, string ETag);
}
