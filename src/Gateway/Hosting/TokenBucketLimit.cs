using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// One token bucket: <see cref="Burst"/> requests at once, then <see cref="Refill"/> more every
/// <see cref="Period"/>. A bucket that is refilled fast enough never refuses the steady rate.
/// </summary>
public sealed class TokenBucketLimit
{
    /// <summary>Requests accepted at once from a full bucket.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; }

    /// <summary>Tokens put back every <see cref="Period"/>.</summary>
    [Range(1, 1_000_000)]
    public int Refill { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);
}
