using EarlyWarning.Gateway.Outages;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Outages;

/// <summary>What requests, readiness and the recovery hooks read of the cluster monitor's verdicts.</summary>
public sealed class ClusterAvailabilityTests
{
    [Fact]
    public void A_monitored_cluster_counts_as_unreachable_until_the_first_probe_passes()
    {
        Assert.False(new ClusterAvailability(monitored: true).IsAvailable);
        Assert.True(new ClusterAvailability(monitored: false).IsAvailable);
    }

    [Fact]
    public void The_first_verdict_at_start_up_is_no_recovery_but_coming_back_after_an_outage_is()
    {
        // A recovery re-registers the sink and closes hub connections: at start-up there is
        // neither yet (the sink's reference was null, and its registration failed).
        var availability = new ClusterAvailability(monitored: true);
        var recoveries = 0;
        availability.Recovered += () => recoveries++;

        Assert.True(availability.MarkAvailable());
        Assert.Equal(0, recoveries);

        Assert.True(availability.MarkUnavailable("Redis failed."));
        Assert.False(availability.MarkUnavailable("Redis failed again."));
        Assert.True(availability.MarkAvailable());
        Assert.False(availability.MarkAvailable());
        Assert.Equal(1, recoveries);
    }

    [Fact]
    public void Lost_completes_when_the_cluster_goes_down_and_is_renewed_when_it_returns()
    {
        var availability = new ClusterAvailability(monitored: true);
        availability.MarkAvailable();
        var lost = availability.Lost;
        Assert.False(lost.IsCompleted);

        availability.MarkUnavailable("No silo is connected.");
        Assert.True(lost.IsCompleted);
        Assert.Equal("No silo is connected.", availability.Reason);

        availability.MarkAvailable();
        Assert.False(availability.Lost.IsCompleted);
        Assert.Null(availability.Reason);
    }

    [Fact]
    public void A_slow_cluster_completes_slow_not_lost_until_it_is_also_found_unreachable()
    {
        var availability = new ClusterAvailability(monitored: true);
        availability.MarkAvailable();
        var (lost, slow) = (availability.Lost, availability.Slow);

        Assert.True(availability.MarkUnavailable("Redis did not answer within 1000 ms.", slow: true));
        Assert.False(availability.IsAvailable);
        Assert.True(slow.IsCompleted);
        Assert.False(lost.IsCompleted);

        Assert.False(availability.MarkUnavailable("Redis failed (RedisConnectionException)."));
        Assert.True(lost.IsCompleted);

        availability.MarkAvailable();
        Assert.False(availability.Slow.IsCompleted);
        Assert.False(availability.Lost.IsCompleted);
    }

    [Fact]
    public void A_recovery_knows_how_long_the_outage_lasted()
    {
        var clock = new FakeTimeProvider();
        var availability = new ClusterAvailability(monitored: true, clock);
        availability.MarkAvailable();
        TimeSpan? seen = null;
        availability.Recovered += () => seen = availability.LastOutage;

        availability.MarkUnavailable("Redis failed.");
        clock.Advance(TimeSpan.FromSeconds(12));
        // A second verdict during the outage does not restart its clock.
        availability.MarkUnavailable("Redis failed again.");
        clock.Advance(TimeSpan.FromSeconds(3));
        availability.MarkAvailable();

        Assert.Equal(TimeSpan.FromSeconds(15), seen);
    }
}
