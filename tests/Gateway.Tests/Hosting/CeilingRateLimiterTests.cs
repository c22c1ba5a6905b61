using System.Threading.RateLimiting;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Tests.Hosting;

[Trait("Category", "Security")]
public sealed class CeilingRateLimiterTests
{
    [Fact]
    public void A_request_its_own_bucket_refuses_takes_nothing_from_the_ceiling()
    {
        using var ceiling = Ceiling(permits: 1);
        using var limiter = new CeilingRateLimiter(Bucket(burst: 1), ceiling);
        using var first = limiter.AttemptAcquire();

        using var refused = limiter.AttemptAcquire();

        Assert.True(first.IsAcquired);
        Assert.False(refused.IsAcquired);
        Assert.Equal(0, ceiling.GetStatistics()!.CurrentAvailablePermits);
        using var other = new CeilingRateLimiter(Bucket(burst: 5), Ceiling(permits: 1));
        Assert.True(other.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void The_ceiling_refuses_every_partition_once_reached_and_says_when_to_retry()
    {
        using var ceiling = Ceiling(permits: 2);
        using var one = new CeilingRateLimiter(Bucket(burst: 10), ceiling);
        using var two = new CeilingRateLimiter(Bucket(burst: 10), ceiling);

        var acquired = new[] { one.AttemptAcquire(), two.AttemptAcquire(), two.AttemptAcquire(), one.AttemptAcquire() };

        Assert.Equal([true, true, false, false], acquired.Select(l => l.IsAcquired));
        Assert.True(acquired[3].TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_partitioned_limiter_refills_the_bucket_inside()
    {
        // The bucket has no timer of its own: the partitioned limiter that holds it must refill it.
        using var ceiling = Ceiling(permits: 1000);
        using var limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.Get(key, _ => new CeilingRateLimiter(Bucket(burst: 1, period: TimeSpan.FromMilliseconds(100)), ceiling)));
        Assert.True(limiter.AttemptAcquire("a").IsAcquired);
        Assert.False(limiter.AttemptAcquire("a").IsAcquired);

        var refilled = await Task.Run(() => SpinWait.SpinUntil(() => limiter.AttemptAcquire("a").IsAcquired, TimeSpan.FromSeconds(10)));

        Assert.True(refilled);
    }

    private static TokenBucketRateLimiter Bucket(int burst, TimeSpan? period = null) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = period ?? TimeSpan.FromHours(1),
        AutoReplenishment = false,
        QueueLimit = 0,
    });

    private static FixedWindowRateLimiter Ceiling(int permits) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
