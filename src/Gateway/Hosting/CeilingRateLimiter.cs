using System.Threading.RateLimiting;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// A partition's own bucket chained with a ceiling shared by every partition, in that order: a
/// request its own bucket refuses takes nothing from the ceiling, so one busy address cannot use
/// up everyone's share. Replenishment is the bucket's, driven by the partitioned limiter that owns it.
/// </summary>
public sealed class CeilingRateLimiter(ReplenishingRateLimiter own, RateLimiter ceiling) : ReplenishingRateLimiter
{
    public override TimeSpan? IdleDuration => own.IdleDuration;

    public override bool IsAutoReplenishing => own.IsAutoReplenishing;

    public override TimeSpan ReplenishmentPeriod => own.ReplenishmentPeriod;

    public override bool TryReplenish() => own.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => own.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var lease = own.AttemptAcquire(permitCount);
        return lease.IsAcquired ? UnderCeiling(lease, ceiling.AttemptAcquire(permitCount)) : lease;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var lease = await own.AcquireAsync(permitCount, cancellationToken);
        return lease.IsAcquired ? UnderCeiling(lease, ceiling.AttemptAcquire(permitCount)) : lease;
    }

    // The ceiling is shared and outlives this partition: only the partition's own bucket is disposed.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            own.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await own.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private static RateLimitLease UnderCeiling(RateLimitLease ownLease, RateLimitLease ceilingLease)
    {
        if (ceilingLease.IsAcquired)
        {
            return new Both(ownLease, ceilingLease);
        }

        ownLease.Dispose();
        return ceilingLease;
    }

    private sealed class Both(RateLimitLease first, RateLimitLease second) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => first.MetadataNames.Union(second.MetadataNames);

        public override bool TryGetMetadata(string metadataName, out object? metadata) =>
            first.TryGetMetadata(metadataName, out metadata) || second.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
