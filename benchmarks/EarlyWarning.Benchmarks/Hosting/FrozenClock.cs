namespace EarlyWarning.Benchmarks.Hosting;

/// <summary>A domain clock that never moves, so zones keep their size while they are measured.</summary>
public sealed class FrozenClock(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at;
}
