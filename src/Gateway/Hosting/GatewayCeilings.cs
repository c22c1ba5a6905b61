using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// The per-minute ceilings of this gateway, across all addresses: what the cluster is protected by
/// when many addresses arrive at once. Each gateway keeps its own, so a cluster's ceiling is the sum.
/// </summary>
public sealed class GatewayCeilings(IOptions<RateLimitOptions> options) : IDisposable
{
    public RateLimiter Subscriptions { get; } = PerMinute(options.Value.SubscriptionsPerMinute);

    public RateLimiter AnonymousSightings { get; } = PerMinute(options.Value.AnonymousSightingsPerMinute);

    public void Dispose()
    {
        Subscriptions.Dispose();
        AnonymousSightings.Dispose();
    }

    private static FixedWindowRateLimiter PerMinute(int permits) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
