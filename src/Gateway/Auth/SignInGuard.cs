using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// Slows the guessing of one account's password without handing anyone a way to lock its owner out.
/// Two limits, beside the per-address one:
/// <list type="bullet">
/// <item>a username is locked for one address (IPv4, or IPv6 /64: <see cref="Hosting.ClientPartition"/>)
/// after <see cref="SignInOptions.MaxFailures"/> wrong passwords from it: a guesser locks only
/// itself (and whoever shares its address), and the supervisor at their own desk still signs in;</item>
/// <item>wrong passwords for a username from every address together spend its bucket
/// (<see cref="SignInOptions.PerAccount"/>); while it is empty only an address that signed in to
/// that username before (within <see cref="SignInOptions.KnownAddressFor"/>) may try, so guesses
/// spread over many addresses stay slow, and the account's owner is not refused for them.</item>
/// </list>
/// Unknown usernames are counted like known ones (nothing tells them apart). State is in this
/// process: with several gateways each keeps its own count.
/// </summary>
public sealed class SignInGuard : IDisposable
{
    private readonly SignInOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Username, string Address), Failures> _failures = new(SameAddressAndUsername.Instance);
    private readonly ConcurrentDictionary<(string Username, string Address), DateTimeOffset> _signedIn = new(SameAddressAndUsername.Instance);
    private readonly PartitionedRateLimiter<string> _wrongPasswords;
    private long _lastEvictionTicks;

    public SignInGuard(IOptions<SignInOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var limit = _options.PerAccount;
        _wrongPasswords = PartitionedRateLimiter.Create<string, string>(username => RateLimitPartition.GetTokenBucketLimiter(
            username.ToUpperInvariant(),
            _ => new TokenBucketRateLimiterOptions { TokenLimit = limit.Burst, TokensPerPeriod = limit.Refill, ReplenishmentPeriod = limit.Period, QueueLimit = 0 }));
    }

    /// <summary>Null when <paramref name="address"/> may try <paramref name="username"/> now; otherwise how long until it may.</summary>
    public TimeSpan? Refusal(string username, string address)
    {
        var now = _time.GetUtcNow();
        if (_failures.TryGetValue((username, address), out var failures) && failures.LockedUntil(now) is { } until)
        {
            return until - now;
        }

        if (_wrongPasswords.GetStatistics(username)?.CurrentAvailablePermits is <= 0 && !SignedInBefore(username, address, now))
        {
            return _options.PerAccount.Period;
        }

        return null;
    }

    /// <summary>A wrong password (or unknown username) for <paramref name="username"/> from <paramref name="address"/>.</summary>
    public void Failed(string username, string address)
    {
        // The account's bucket is spent whatever happens to the table below: it is what bounds guessing.
        _wrongPasswords.AttemptAcquire(username).Dispose();

        var now = _time.GetUtcNow();
        var key = (username, address);
        if (!_failures.TryGetValue(key, out var failures))
        {
            if (!HasRoom(_failures, now))
            {
                return;
            }

            failures = _failures.GetOrAdd(key, _ => new Failures());
        }

        failures.Add(now, _options);
    }

    /// <summary>A successful sign-in: the address's failures for the username are cleared, and the address is known to it.</summary>
    public void Succeeded(string username, string address)
    {
        var key = (username, address);
        _failures.TryRemove(key, out _);
        var now = _time.GetUtcNow();
        if (_signedIn.ContainsKey(key) || HasRoom(_signedIn, now))
        {
            _signedIn[key] = now;
        }
    }

    public void Dispose() => _wrongPasswords.Dispose();

    private bool SignedInBefore(string username, string address, DateTimeOffset now) =>
        _signedIn.TryGetValue((username, address), out var at) && now - at < _options.KnownAddressFor;

    /// <summary>
    /// Whether <paramref name="table"/> may take a new entry; a full one is cleared of what has
    /// expired, at most once a second (a flood of new names would otherwise scan it on every request).
    /// </summary>
    private bool HasRoom<TValue>(ConcurrentDictionary<(string Username, string Address), TValue> table, DateTimeOffset now)
    {
        if (table.Count < _options.Capacity)
        {
            return true;
        }

        var last = Interlocked.Read(ref _lastEvictionTicks);
        if (now.UtcTicks - last >= TimeSpan.TicksPerSecond && Interlocked.CompareExchange(ref _lastEvictionTicks, now.UtcTicks, last) == last)
        {
            Evict(now);
        }

        return table.Count < _options.Capacity;
    }

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (failures.IsForgotten(now, _options))
            {
                _failures.TryRemove(key, out _);
            }
        }

        foreach (var (key, at) in _signedIn)
        {
            if (now - at >= _options.KnownAddressFor)
            {
                _signedIn.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Usernames compare as sign-in compares them (case-insensitively), addresses exactly.</summary>
    private sealed class SameAddressAndUsername : IEqualityComparer<(string Username, string Address)>
    {
        public static readonly SameAddressAndUsername Instance = new();

        public bool Equals((string Username, string Address) x, (string Username, string Address) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Username, y.Username) && StringComparer.Ordinal.Equals(x.Address, y.Address);

        public int GetHashCode((string Username, string Address) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Username), StringComparer.Ordinal.GetHashCode(key.Address));
    }

    /// <summary>One username's recent failures from one address, and its lock-out there.</summary>
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
