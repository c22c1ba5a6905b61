using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
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

    [Theory]
    [InlineData(TravelMode.Walking, 1, 10)]
    [InlineData(TravelMode.Walking, 2, 90)]
    [InlineData(TravelMode.Vehicle, 1, 15)]
    [InlineData(TravelMode.Vehicle, 3, 240)]
    [InlineData(TravelMode.Bicycle, 2, 600)]
    public void No_run_of_ticks_pushes_more_often_than_the_bound_allows(TravelMode mode, int anchors, int minutes)
    {
        var policy = new ZonePolicy();
        var since = new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.Zero);

        // Anchors ten minutes apart, the last just before the window: the older ones retire inside it.
        var points = Enumerable.Range(0, anchors)
            .Select(i => new ZoneAnchor(new GeoPoint(41.99 + (0.05 * i), 21.43), since.AddMinutes(-10 * (anchors - i))))
            .ToList();
        var until = since.AddMinutes(minutes);

        // Ticks every second, pushing whenever the zone differs materially from the last push.
        var pushed = Zone.Compute(points, mode, policy, since);
        var pushes = 0;
        for (var t = since.AddSeconds(1); t <= until; t = t.AddSeconds(1))
        {
            var zone = Zone.Compute(points, mode, policy, t);
            if (zone.DiffersMateriallyFrom(pushed, policy))
            {
                pushes++;
                pushed = zone;
            }
        }

        Assert.True(pushes > 0, "the zone never grew in the window: the case proves nothing");
        Assert.True(pushes <= ZoneGrowth.MostPushes(anchors, mode, policy, since, until), $"{pushes} pushes, above the bound");
    }
}
