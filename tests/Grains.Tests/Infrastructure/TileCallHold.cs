using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// Lines calls up on one tile as a race would, but every time: holds the next call of one method
/// into the tile, in the tile's turn, until released, and tells when a call of another method
/// sets off for that tile (it then waits behind the held one). Inert until <see cref="Arm"/>.
/// </summary>
public sealed class TileCallHold : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private Armed? _armed;

    /// <summary>
    /// Holds the next <paramref name="held"/> call into <paramref name="tileKey"/>: answers when it
    /// is held, when a <paramref name="awaited"/> call to the tile has been sent, and the release.
    /// </summary>
    public (Task Held, Task Sent, Action Release) Arm(string tileKey, string held, string awaited)
    {
        var armed = new Armed(tileKey, held, awaited);
        Volatile.Write(ref _armed, armed);
        return (armed.Holding.Task, armed.Sent.Task, () => armed.Released.TrySetResult());
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _armed) is { } armed && armed.Matches(context, armed.Held) && armed.Holding.TrySetResult())
        {
            await armed.Released.Task;
        }

        await context.Invoke();
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _armed) is { } armed && armed.Matches(context, armed.Awaited))
        {
            armed.Sent.TrySetResult();
        }

        return context.Invoke();
    }

    private sealed record Armed(string Tile, string Held, string Awaited)
    {
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(IGrainCallContext context, string method) =>
            context.InterfaceMethod?.DeclaringType == typeof(IRegionGrain)
            && context.MethodName == method
            && context.TargetId.Key.ToString() == Tile;
    }
}
