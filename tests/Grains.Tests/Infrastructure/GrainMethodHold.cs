namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A grain as its dying silo leaves it: while held, every call of one interface method hangs until
/// <see cref="Release"/> (or the caller's response timeout). Inert until <see cref="Hold"/>.
/// </summary>
public sealed class GrainMethodHold : IIncomingGrainCallFilter
{
    private Held? _held;

    /// <summary>From now on, calls of <paramref name="method"/> on <paramref name="grainInterface"/> do not answer.</summary>
    public void Hold(Type grainInterface, string method) =>
        Volatile.Write(ref _held, new Held(grainInterface, method, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));

    /// <summary>The calls answer again, those held so far too.</summary>
    public void Release() => Interlocked.Exchange(ref _held, null)?.Released.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _held) is { } held
            && context.InterfaceMethod?.DeclaringType == held.Interface
            && context.MethodName == held.Method)
        {
            await held.Released.Task;
        }

        await context.Invoke();
    }

    private sealed record Held(Type Interface, string Method, TaskCompletionSource Released);
}
