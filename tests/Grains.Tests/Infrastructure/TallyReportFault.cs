using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A case's tally as its silo's death leaves it, seen from the tiles (an outgoing filter, so the
/// tally's own turn is not held): while armed, the first <c>RecordAlerted</c> is refused at once
/// and every later one hangs until <see cref="Release"/>, as calls to a dead silo time out.
/// </summary>
public sealed class TallyReportFault : IOutgoingGrainCallFilter
{
    private Armed? _armed;

    public void Arm() => Volatile.Write(ref _armed, new Armed());

    /// <summary>The tally answers again, the calls held so far too.</summary>
    public void Release() => Interlocked.Exchange(ref _armed, null)?.Released.TrySetResult();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _armed) is { } armed
            && context.InterfaceMethod?.DeclaringType == typeof(ICaseTallyGrain)
            && context.MethodName == nameof(ICaseTallyGrain.RecordAlerted))
        {
            if (Interlocked.Exchange(ref armed.Refused, 1) == 0)
            {
                throw new TimeoutException("Injected: the tally's silo does not answer.");
            }

            await armed.Released.Task;
        }

        await context.Invoke();
    }

    private sealed class Armed
    {
        public int Refused;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
