namespace EarlyWarning.Domain.Partners;

/// <summary>Exponential back-off: <c>first</c> after the first failure, doubling after each further one, never above <c>max</c>.</summary>
public static class RetryBackoff
{
    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan After(int attempt, TimeSpan first, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // 2^30 times any sensible first delay is beyond every max: stop doubling before it overflows.
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = first * factor;
        return delay > max ? max : delay;
    }
}
