using System.Collections.Concurrent;
using Orleans.Storage;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// Writes a test makes fail: a grain whose write matches a registered rule gets an exception from
/// the store instead of its write, as from a store that is down for that row. Nothing else changes.
/// </summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<Guid, Func<string, GrainId, object?, bool>> _rules = new();

    /// <summary>Fails every write or clear <paramref name="rule"/> (state name, grain, state) matches until <see cref="Clear"/>.</summary>
    public Guid FailWrites(Func<string, GrainId, object?, bool> rule)
    {
        var id = Guid.NewGuid();
        _rules[id] = rule;
        return id;
    }

    /// <summary>A rule: every write of the case list (the case directory's buckets).</summary>
    public static bool CaseListWrites(string stateName, GrainId grainId, object? state) =>
        stateName.StartsWith("case-directory", StringComparison.Ordinal);

    /// <summary>The store answers again.</summary>
    public void Clear(Guid rule) => _rules.TryRemove(rule, out _);

    /// <summary>Wraps <paramref name="inner"/> so writes go through the rules first.</summary>
    public IGrainStorage Wrap(IGrainStorage inner) => new FaultyGrainStorage(inner, this);

    private bool Fails(string stateName, GrainId grainId, object? state) => _rules.Values.Any(r => r(stateName, grainId, state));

    private sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            ArgumentNullException.ThrowIfNull(grainState);
            return faults.Fails(stateName, grainId, grainState.State)
                ? throw new InvalidOperationException($"Injected storage fault: {stateName} of {grainId} not written.")
                : inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            ArgumentNullException.ThrowIfNull(grainState);
            return faults.Fails(stateName, grainId, grainState.State)
                ? throw new InvalidOperationException($"Injected storage fault: {stateName} of {grainId} not cleared.")
                : inner.ClearStateAsync(stateName, grainId, grainState);
        }
    }
}
