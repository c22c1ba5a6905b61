using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Auth;

[Trait("Category", "Security")]
public sealed class SignInGuardTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_account_is_locked_after_max_failures_and_only_that_account()
    {
        using var guard = Guard();
        Fail(guard, "operator", 3);

        Assert.NotNull(guard.Refusal("operator"));
        Assert.NotNull(guard.Refusal("OPERATOR"));
        Assert.Null(guard.Refusal("supervisor"));
    }

    [Fact]
    public void The_lock_lifts_after_the_lockout_duration()
    {
        using var guard = Guard();
        Fail(guard, "operator", 3);
        Assert.Equal(TimeSpan.FromMinutes(5), guard.Refusal("operator"));

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(guard.Refusal("operator"));
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        using var guard = Guard();
        Fail(guard, "operator", 2);
        _time.Advance(TimeSpan.FromMinutes(11));

        Fail(guard, "operator", 2);

        Assert.Null(guard.Refusal("operator"));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_failures()
    {
        using var guard = Guard();
        Fail(guard, "operator", 2);
        guard.Succeeded("operator");

        Fail(guard, "operator", 2);

        Assert.Null(guard.Refusal("operator"));
    }

    [Fact]
    public void Requests_for_one_account_beyond_its_bucket_are_refused_whatever_their_outcome()
    {
        using var guard = Guard(burst: 2);

        var refusals = Enumerable.Range(0, 3).Select(_ => guard.Refusal("field1")).ToList();

        Assert.Null(refusals[0]);
        Assert.Null(refusals[1]);
        Assert.NotNull(refusals[2]);
        Assert.Null(guard.Refusal("field2"));
    }

    private static void Fail(SignInGuard guard, string username, int times)
    {
        for (var i = 0; i < times; i++)
        {
            guard.Failed(username);
        }
    }

    private SignInGuard Guard(int burst = 1000) => new(Options.Create(new SignInOptions
    {
        PerAccount = new TokenBucketLimit { Burst = burst, Refill = 1, Period = TimeSpan.FromDays(1) },
        MaxFailures = 3,
        FailureWindow = TimeSpan.FromMinutes(10),
        LockoutDuration = TimeSpan.FromMinutes(5),
    }), _time);
}
