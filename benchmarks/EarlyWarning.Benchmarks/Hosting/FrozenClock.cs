namespace EarlyWarning.Benchmarks.Hosting;

/// <summary>
/// A domain clock that moves only when told, so zones keep their size while they are measured
/// (or grow by exactly one step per iteration).
/// </summary>
public sealed class FrozenClock(DateTimeOffset at) : TimeProvider
{
    private DateTimeOffset _now = at;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
