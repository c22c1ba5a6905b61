using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// Limits token requests per username and locks a username out after <see cref="SignInOptions.MaxFailures"/>
/// wrong passwords, so guessing one account's password is slow wherever the guesses come from, while
/// every other account still signs in. Unknown usernames are counted like known ones (nothing tells
/// them apart). State is in this process: with several gateways each keeps its own count.
/// </summary>
public sealed class SignInGuard : IDisposable
{
    private readonly SignInOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly PartitionedRateLimiter<string> _perAccount;
    private long _lastEvictionTicks;

    public SignInGuard(IOptions<SignInOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var limit = _options.PerAccount;
        _perAccount = PartitionedRateLimiter.Create<string, string>(username => RateLimitPartition.GetTokenBucketLimiter(
            username.ToUpperInvariant(),
            _ => new TokenBucketRateLimiterOptions { TokenLimit = limit.Burst, TokensPerPeriod = limit.Refill, ReplenishmentPeriod = limit.Period, QueueLimit = 0 }));
    }

    /// <summary>Null when the username may try now; otherwise how long until it may.</summary>
    public TimeSpan? Refusal(string username)
    {
        var now = _time.GetUtcNow();
        if (_failures.TryGetValue(username, out var failures) && failures.LockedUntil(now) is { } until)
        {
            return until - now;
        }

        using var lease = _perAccount.AttemptAcquire(username);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _options.PerAccount.Period;
    }

    /// <summary>A wrong password (or unknown username) for <paramref name="username"/>.</summary>
    public void Failed(string username)
    {
        var now = _time.GetUtcNow();
        if (!_failures.TryGetValue(username, out var failures))
        {
            if (_failures.Count >= _options.Capacity)
            {
                // A full table is scanned at most once a second, or a flood of new names would scan it on every request.
                var last = Interlocked.Read(ref _lastEvictionTicks);
                if (now.UtcTicks - last >= TimeSpan.TicksPerSecond && Interlocked.CompareExchange(ref _lastEvictionTicks, now.UtcTicks, last) == last)
                {
                    Evict(now);
                }

                if (_failures.Count >= _options.Capacity)
                {
                    return;
                }
            }

            failures = _failures.GetOrAdd(username, _ => new Failures());
        }

        failures.Add(now, _options);
    }

    /// <summary>A successful sign-in clears the username's failures.</summary>
    public void Succeeded(string username) => _failures.TryRemove(username, out _);

    public void Dispose() => _perAccount.Dispose();

    private void Evict(DateTimeOffset now)
    {
        foreach (var (username, failures) in _failures)
        {
            if (failures.IsForgotten(now, _options))
            {
                _failures.TryRemove(username, out _);
            }
        }
    }

    /// <summary>One username's recent failures and lock-out.</summary>
    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> _recent = new();
        private DateTimeOffset _lockedUntil = DateTimeOffset.MinValue;

        public DateTimeOffset? LockedUntil(DateTimeOffset now)
        {
            lock (_recent)
            {
                return now < _lockedUntil ? _lockedUntil : null;
            }
        }

        public void Add(DateTimeOffset now, SignInOptions options)
        {
            lock (_recent)
            {
                Forget(now, options);
                _recent.Enqueue(now);
                if (_recent.Count >= options.MaxFailures)
                {
                    _lockedUntil = now + options.LockoutDuration;
                    _recent.Clear();
                }
            }
        }

        public bool IsForgotten(DateTimeOffset now, SignInOptions options)
        {
            lock (_recent)
            {
                Forget(now, options);
                return _recent.Count == 0 && now >= _lockedUntil;
            }
        }

        private void Forget(DateTimeOffset now, SignInOptions options)
        {
            while (_recent.TryPeek(out var oldest) && now - oldest >= options.FailureWindow)
            {
                _recent.Dequeue();
            }
        }
    }
}
