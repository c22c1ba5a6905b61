using EarlyWarning.Domain.Cases;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EarlyWarning.Domain.Tests.Cases;

public sealed class ZoneGrowthTests
{
    private static readonly DateTimeOffset LastSeen = new(2025, 6, 1, 14, 0, 0, TimeSpan.Zero);

    private readonly ZonePolicy _policy = new();

    [Fact]
    public void Radius_grows_with_walking_speed_and_stops_at_the_maximum()
    {
        var time = new FakeTimeProvider(LastSeen);
        Assert.Equal(1.0, ZoneGrowth.RadiusKm(_policy, TravelMode.Walking, LastSeen, time.GetUtcNow()), 9);

        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1.0 + (5.0 * 2), ZoneGrowth.RadiusKm(_policy, TravelMode.Walking, LastSeen, time.GetUtcNow()), 9);

        time.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(1.0 + (5.0 * 3.5), ZoneGrowth.RadiusKm(_policy, TravelMode.Walking, LastSeen, time.GetUtcNow()), 9);

        // 1 + 5 × 9.8 h = 50 km: the walking maximum, and it stays there.
        time.Advance(TimeSpan.FromHours(6.3));
        Assert.Equal(50.0, ZoneGrowth.RadiusKm(_policy, TravelMode.Walking, LastSeen, time.GetUtcNow()), 9);
        time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(50.0, ZoneGrowth.RadiusKm(_policy, TravelMode.Walking, LastSeen, time.GetUtcNow()), 9);
    }

    [Theory]
    [InlineData(TravelMode.Walking, 6.0, 50.0)]
    [InlineData(TravelMode.Bicycle, 16.0, 100.0)]
    [InlineData(TravelMode.Vehicle, 61.0, 150.0)]
    public void Each_travel_mode_grows_at_its_own_speed_up_to_its_own_maximum(TravelMode mode, double afterOneHourKm, double maximumKm)
    {
        var time = new FakeTimeProvider(LastSeen);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(afterOneHourKm, ZoneGrowth.RadiusKm(_policy, mode, LastSeen, time.GetUtcNow()), 9);

        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(maximumKm, ZoneGrowth.RadiusKm(_policy, mode, LastSeen, time.GetUtcNow()), 9);
    }

    [Fact]
    public void Anchor_stamped_in_the_future_counts_as_fresh()
    {
        var time = new FakeTimeProvider(LastSeen);
        var skewed = time.GetUtcNow().AddMinutes(10);

        Assert.Equal(_policy.BaseRadiusKm, ZoneGrowth.RadiusKm(_policy, TravelMode.Vehicle, skewed, time.GetUtcNow()));
    }
}
