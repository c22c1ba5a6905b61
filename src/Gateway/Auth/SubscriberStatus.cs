using System.Collections.Concurrent;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// Whether a public subscriber's token still stands: its subscriber grain says so, and the answer is
/// kept for <see cref="Recheck"/> (a deleted subscription, for good: its id is never reused). The
/// gateway that deletes a subscription refuses its token at once; another gateway within
/// <see cref="Recheck"/> of its last look.
/// </summary>
public sealed class SubscriberStatus(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a "subscribed" answer is believed.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    /// <summary>Answers kept; past it all are dropped (the grains still know).</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsSubscribed(string subscriberId)
    {
        var now = time.GetUtcNow();
        if (_known.TryGetValue(subscriberId, out var known) && (!known.Subscribed || now - known.At < Recheck))
        {
            return known.Subscribed;
        }

        var subscribed = await grains.GetGrain<ISubscriberGrain>(subscriberId).IsSubscribed();
        Remember(subscriberId, new Known(subscribed, now));
        return subscribed;
    }

    /// <summary>The subscription was deleted through this gateway: its token is refused from now on.</summary>
    public void Deleted(string subscriberId) => Remember(subscriberId, new Known(false, time.GetUtcNow()));

    private void Remember(string subscriberId, Known known)
    {
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known[subscriberId] = known;
    }

    private readonly record struct Known(bool Subscribed, DateTimeOffset At);
}
