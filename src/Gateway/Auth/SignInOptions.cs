using System.ComponentModel.DataAnnotations;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// Per-account limits on <c>POST /api/auth/token</c>, beside the per-address one: a bucket of
/// requests per username, and a lock-out of one username after repeated wrong passwords.
/// </summary>
public sealed class SignInOptions : IValidatableObject
{
    public const string Section = "SignIn";

    /// <summary>Token requests per username, whatever their outcome.</summary>
    public TokenBucketLimit PerAccount { get; set; } = new() { Burst = 10, Refill = 1, Period = TimeSpan.FromSeconds(30) };

    /// <summary>Wrong passwords for one username within <see cref="FailureWindow"/> that lock it.</summary>
    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked username is refused, even with the right password.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Usernames whose failures are remembered at once; past it, new ones are not counted until old ones expire.</summary>
    [Range(100, 10_000_000)]
    public int Capacity { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(PerAccount, new ValidationContext(PerAccount), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{Section}:{nameof(PerAccount)}: {r.ErrorMessage}", [nameof(PerAccount)]));
    }
}
