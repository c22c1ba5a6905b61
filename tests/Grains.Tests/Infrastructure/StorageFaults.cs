using System.Collections.Concurrent;
using Orleans.Storage;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// Writes a test makes fail: a grain whose write matches a registered rule gets an exception from
/// the store instead of its write, as from a store that is down for that row; or holds, as a slow
/// store would (<see cref="HoldWrite"/>). Nothing else changes.
/// </summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<Guid, Func<string, GrainId, object?, bool>> _rules = new();
    private readonly ConcurrentDictionary<Guid, Hold> _holds = new();

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

    /// <summary>
    /// Holds the next write <paramref name="rule"/> matches until <c>release</c> is called (false:
    /// the write then fails as from a store that is down; true: it goes ahead). <c>Reached</c>
    /// completes once that write is held, so a test can act while its grain waits for the store.
    /// </summary>
    public (Task Reached, Action<bool> Release) HoldWrite(Func<string, GrainId, object?, bool> rule)
    {
        var hold = new Hold(rule);
        _holds[Guid.NewGuid()] = hold;
        return (hold.Reached.Task, write => hold.Released.TrySetResult(write));
    }

    /// <summary>The hold this write is the first to match, taken out of the list (null when none).</summary>
    private Hold? TakeHold(string stateName, GrainId grainId, object? state)
    {
        foreach (var (id, hold) in _holds)
        {
            if (hold.Rule(stateName, grainId, state) && _holds.TryRemove(id, out _))
            {
                return hold;
            }
        }

        return null;
    }

    private sealed record Hold(Func<string, GrainId, object?, bool> Rule)
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Wraps <paramref name="inner"/> so writes go through the rules first.</summary>
    public IGrainStorage Wrap(IGrainStorage inner) => new FaultyGrainStorage(inner, this);

    private bool Fails(string stateName, GrainId grainId, object? state) => _rules.Values.Any(r => r(stateName, grainId, state));

    private sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            ArgumentNullException.ThrowIfNull(grainState);
            var written = true;
            if (faults.TakeHold(stateName, grainId, grainState.State) is { } hold)
            {
                hold.Reached.TrySetResult();
                written = await hold.Released.Task;
            }

            if (!written || faults.Fails(stateName, grainId, grainState.State))
            {
                throw new InvalidOperationException($"Injected storage fault: {stateName} of {grainId} not written.");
            }

            await inner.WriteStateAsync(stateName, grainId, grainState);
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
