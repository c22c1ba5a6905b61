namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// Makes the next call of one grain method, as a grain on the first silo sends it, fail with a
/// given exception before it leaves. Inert until <see cref="Arm"/>; each arming fails one call.
/// </summary>
public sealed class OutgoingCallFault : IOutgoingGrainCallFilter
{
    private Armed? _armed;

    /// <summary>The next call of <paramref name="method"/> on <paramref name="grainInterface"/> (to the grain keyed <paramref name="target"/>) throws <paramref name="exception"/>.</summary>
    public void Arm(Type grainInterface, string method, string target, Exception exception) =>
        Volatile.Write(ref _armed, new Armed(grainInterface, method, target, exception));

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _armed) is { } armed
            && context.InterfaceMethod?.DeclaringType == armed.Interface
            && context.MethodName == armed.Method
            && context.TargetId.Key.ToString() == armed.Target
            && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
        {
            return Task.FromException(armed.Exception);
        }

        return context.Invoke();
    }

    private sealed record Armed(Type Interface, string Method, string Target, Exception Exception);
}
