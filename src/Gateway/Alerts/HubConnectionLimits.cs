using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// One subscriber's token buckets for hub calls, shared by its connections on this gateway
/// (<see cref="LocalConnections"/>) and kept in each one's <see cref="HubCallerContext.Items"/>. Buckets are refilled by the calls themselves rather than by a timer per connection (tens
/// of thousands of sockets would mean as many timers): each call a period or more after the last
/// refill adds one period's tokens, so a steady caller at the rate is never refused.
/// </summary>
public sealed class HubConnectionLimits : IDisposable
{
    private readonly TokenBucketRateLimiter _locations;
    private readonly TokenBucketRateLimiter _acknowledgements;

    public HubConnectionLimits(HubRateLimitOptions options)
    {
        _locations = Bucket(options.Period, options.Locations, options.LocationBurst);
        _acknowledgements = Bucket(options.Period, options.Acknowledgements, options.AcknowledgementBurst);
    }

    /// <summary>Takes a token for <c>UpdateLocation</c>, or throws a <see cref="HubException"/> asking the caller to slow down.</summary>
    public void TakeLocation() => Take(_locations, "UpdateLocation");

    /// <summary>Takes a token for <c>Acknowledge</c>, or throws a <see cref="HubException"/> asking the caller to slow down.</summary>
    public void TakeAcknowledgement() => Take(_acknowledgements, "Acknowledge");

    public void Dispose()
    {
        _locations.Dispose();
        _acknowledgements.Dispose();
    }

    private static void Take(TokenBucketRateLimiter bucket, string method)
    {
        bucket.TryReplenish();

        // A granted lease is a shared instance: nothing is allocated on the path that succeeds.
        using var lease = bucket.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            throw new HubException($"Too many {method} calls from this subscriber: slow down and try again shortly.");
        }
    }

    private static TokenBucketRateLimiter Bucket(TimeSpan period, int perPeriod, int burst) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = burst,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = false,
    });
}
