using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// The sink registry as its dying silo leaves it: while held, every <c>GetSinks</c> call hangs
/// until <see cref="Release"/>. Inert until <see cref="Hold"/>.
/// </summary>
public sealed class SinkRegistryHold : IIncomingGrainCallFilter
{
    private TaskCompletionSource? _held;

    /// <summary>From now on, the registry's list does not answer.</summary>
    public void Hold() => Volatile.Write(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The registry answers again, the calls held so far too.</summary>
    public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _held) is { } held
            && context.InterfaceMethod?.DeclaringType == typeof(ISinkRegistryGrain)
            && context.MethodName == nameof(ISinkRegistryGrain.GetSinks))
        {
            await held.Task;
        }

        await context.Invoke();
    }
}
