using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// The request limits (<see cref="RateLimitPolicies"/>): per client address (an IPv6 client by its
/// /64), per subscriber for location updates, and a ceiling per gateway on what reaches the cluster.
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>
    /// New public subscriptions per address. Sized for CGNAT: a carrier puts thousands of phones
    /// behind one IPv4 address, and an appeal brings them in the same minute.
    /// </summary>
    public TokenBucketLimit Subscriptions { get; set; } = new() { Burst = 300, Refill = 10 };

    /// <summary>New subscriptions per minute through this gateway, all addresses together.</summary>
    [Range(1, 100_000_000)]
    public int SubscriptionsPerMinute { get; set; } = 30_000;

    /// <summary>Sightings per address from anonymous callers and public subscribers; staff are not limited.</summary>
    public TokenBucketLimit AnonymousSightings { get; set; } = new() { Burst = 100, Refill = 2 };

    /// <summary>Anonymous sightings per minute through this gateway, all addresses together.</summary>
    [Range(1, 100_000_000)]
    public int AnonymousSightingsPerMinute { get; set; } = 3_000;

    /// <summary>Token requests per address, whatever their outcome (each costs a PBKDF2 hash).</summary>
    public TokenBucketLimit TokenRequests { get; set; } = new() { Burst = 30, Refill = 1, Period = TimeSpan.FromSeconds(6) };

    /// <summary><c>PUT /api/subscribers/me/location</c> per subscriber (its token's subject).</summary>
    public TokenBucketLimit Locations { get; set; } = new() { Burst = 20, Refill = 1, Period = TimeSpan.FromSeconds(2) };

    /// <summary>
    /// The other <c>/api/subscribers/me</c> routes together, per subscriber: a page catches up on
    /// every reconnect and puts its push subscription when it opens, far below this; a loop
    /// flipping exercises or push writes storage on every call.
    /// </summary>
    public TokenBucketLimit SubscriberRequests { get; set; } = new() { Burst = 30, Refill = 1 };

    /// <summary>The anonymous CAP routes (Atom feed and CAP messages) per address.</summary>
    public TokenBucketLimit PartnerFeeds { get; set; } = new() { Burst = 120, Refill = 2 };

    /// <summary>DataAnnotations do not descend into the buckets: each is checked here, by its key.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var buckets = new (string Name, TokenBucketLimit Limit)[]
        {
            (nameof(Subscriptions), Subscriptions), (nameof(AnonymousSightings), AnonymousSightings),
            (nameof(TokenRequests), TokenRequests), (nameof(Locations), Locations), (nameof(SubscriberRequests), SubscriberRequests),
            (nameof(PartnerFeeds), PartnerFeeds),
        };
        foreach (var (name, limit) in buckets)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(limit, new ValidationContext(limit), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"{Section}:{name}: {result.ErrorMessage}", [name]);
                }
            }
        }
    }
}
