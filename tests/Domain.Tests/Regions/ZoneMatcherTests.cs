using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Regions;

public sealed class ZoneMatcherTests
{
    // A 10 km zone round Skopje; Tetovo is ~37.5 km from its centre, ~27.5 km from its edge.
    private static readonly Zone SkopjeZone = new([new GeoCircle(NorthMacedonia.Skopje, 10)]);

    [Fact]
    public void Matches_subscribers_within_their_own_watch_radius_in_input_order()
    {
        WatchedPoint[] points =
        [
            new(NorthMacedonia.Tetovo, 5, SubscriberKind.Public),    // 27.5 km away, watches 5: out
            new(NorthMacedonia.Skopje, 0, SubscriberKind.Public),    // inside: in at distance 0
            new(NorthMacedonia.Tetovo, 30, SubscriberKind.Field),    // 27.5 km away, watches 30: in
        ];

        var matches = ZoneMatcher.Match(points, SkopjeZone, CaseLevel.Public);

        Assert.Equal([1, 2], matches.Select(m => m.Index));
        Assert.Equal(0, matches[0].DistanceKm);
        Assert.Equal(Haversine.DistanceKm(NorthMacedonia.Skopje, NorthMacedonia.Tetovo) - 10, matches[1].DistanceKm, 9);
    }

    [Fact]
    public void Internal_case_reaches_field_teams_but_not_the_public_standing_in_the_zone()
    {
        WatchedPoint[] points =
        [
            new(NorthMacedonia.Skopje, 5, SubscriberKind.Public),
            new(NorthMacedonia.Skopje, 5, SubscriberKind.Field),
        ];

        Assert.Equal([1], ZoneMatcher.Match(points, SkopjeZone, CaseLevel.Internal).Select(m => m.Index));
        Assert.Equal([0, 1], ZoneMatcher.Match(points, SkopjeZone, CaseLevel.Public).Select(m => m.Index));
        Assert.False(ZoneMatcher.IsMatch(points[0], SkopjeZone, CaseLevel.Internal, out var distanceKm));
        Assert.Equal(double.PositiveInfinity, distanceKm);
    }
}
