using System.ComponentModel.DataAnnotations;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// Per-account limits on <c>POST /api/auth/token</c>, beside the per-address one: a bucket of
/// wrong passwords per username, and a lock-out of one username for one address after repeated
/// wrong passwords from it (<see cref="SignInGuard"/>).
/// </summary>
public sealed class SignInOptions : IValidatableObject
{
    public const string Section = "SignIn";

    /// <summary>
    /// Wrong passwords per username, from every address together; while it is spent, only an
    /// address that signed in to the username within <see cref="KnownAddressFor"/> may try.
    /// </summary>
    public TokenBucketLimit PerAccount { get; set; } = new() { Burst = 10, Refill = 1, Period = TimeSpan.FromSeconds(30) };

    /// <summary>Wrong passwords for one username from one address within <see cref="FailureWindow"/> that lock it for that address.</summary>
    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked username is refused to that address, even with the right password.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an address that signed in to a username stays known to it (it may try while the username's bucket is spent).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KnownAddressFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// (Username, address) pairs remembered at once, for failures and for sign-ins each; past it,
    /// new pairs are not recorded until old ones expire (the username's bucket still counts).
    /// </summary>
    [Range(100, 10_000_000)]
    public int Capacity { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(PerAccount, new ValidationContext(PerAccount), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{Section}:{nameof(PerAccount)}: {r.ErrorMessage}", [nameof(PerAccount)]));
    }
}
