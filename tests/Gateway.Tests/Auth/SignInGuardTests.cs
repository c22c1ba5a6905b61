using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Auth;

[Trait("Category", "Security")]
public sealed class SignInGuardTests
{
    private const string Guesser = "127.0.0.2";
    private const string Desk = "127.0.0.1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_account_is_locked_after_max_failures_for_that_address_and_only_that_account()
    {
        using var guard = Guard();
        Fail(guard, "operator", 3, Guesser);

        Assert.NotNull(guard.Refusal("operator", Guesser));
        Assert.NotNull(guard.Refusal("OPERATOR", Guesser));
        Assert.Null(guard.Refusal("supervisor", Guesser));
    }

    [Fact]
    public void A_lock_holds_for_the_guessing_address_only()
    {
        using var guard = Guard();
        Fail(guard, "supervisor", 3, Guesser);

        Assert.NotNull(guard.Refusal("supervisor", Guesser));
        Assert.Null(guard.Refusal("supervisor", Desk));
    }

    [Fact]
    public void The_lock_lifts_after_the_lockout_duration()
    {
        using var guard = Guard();
        Fail(guard, "operator", 3, Guesser);
        Assert.Equal(TimeSpan.FromMinutes(5), guard.Refusal("operator", Guesser));

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(guard.Refusal("operator", Guesser));
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        using var guard = Guard();
        Fail(guard, "operator", 2, Guesser);
        _time.Advance(TimeSpan.FromMinutes(11));

        Fail(guard, "operator", 2, Guesser);

        Assert.Null(guard.Refusal("operator", Guesser));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_failures()
    {
        using var guard = Guard();
        Fail(guard, "operator", 2, Guesser);
        guard.Succeeded("operator", Guesser);

        Fail(guard, "operator", 2, Guesser);

        Assert.Null(guard.Refusal("operator", Guesser));
    }

    [Fact]
    public void Wrong_passwords_from_many_addresses_spend_the_accounts_bucket_and_then_only_an_address_it_signed_in_from_may_try()
    {
        using var guard = Guard(burst: 3);
        guard.Succeeded("supervisor", Desk);
        foreach (var address in new[] { "127.0.0.10", "127.0.0.11", "127.0.0.12" })
        {
            Assert.Null(guard.Refusal("supervisor", address));
            guard.Failed("supervisor", address);
        }

        Assert.NotNull(guard.Refusal("supervisor", "127.0.0.13"));
        Assert.Null(guard.Refusal("supervisor", Desk));
        Assert.Null(guard.Refusal("operator", "127.0.0.13"));
    }

    [Fact]
    public void An_address_is_known_to_an_account_only_for_a_while()
    {
        using var guard = Guard(burst: 1);
        guard.Succeeded("supervisor", Desk);
        _time.Advance(TimeSpan.FromDays(2));
        guard.Failed("supervisor", Guesser);

        Assert.NotNull(guard.Refusal("supervisor", Desk));
    }

    [Fact]
    public void Right_passwords_spend_nothing_of_the_accounts_bucket()
    {
        using var guard = Guard(burst: 2);

        var refusals = Enumerable.Range(0, 5).Select(i =>
        {
            var refusal = guard.Refusal("field1", $"127.0.0.{20 + i}");
            guard.Succeeded("field1", $"127.0.0.{20 + i}");
            return refusal;
        }).ToList();

        Assert.All(refusals, Assert.Null);
    }

    private static void Fail(SignInGuard guard, string username, int times, string address)
    {
        for (var i = 0; i < times; i++)
        {
            guard.Failed(username, address);
        }
    }

    private SignInGuard Guard(int burst = 1000) => new(Options.Create(new SignInOptions
    {
        PerAccount = new TokenBucketLimit { Burst = burst, Refill = 1, Period = TimeSpan.FromDays(1) },
        MaxFailures = 3,
        FailureWindow = TimeSpan.FromMinutes(10),
        LockoutDuration = TimeSpan.FromMinutes(5),
        KnownAddressFor = TimeSpan.FromDays(1),
    }), _time);
}
