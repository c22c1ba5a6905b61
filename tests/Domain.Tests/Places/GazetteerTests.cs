using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using Xunit;

namespace EarlyWarning.Domain.Tests.Places;

[Trait("Category", "Interop")]
public sealed class GazetteerTests
{
    [Fact]
    public void A_point_in_a_town_is_named_for_that_town()
    {
        var nearby = Gazetteer.Nearest(new GeoPoint(41.0310, 21.3340));

        Assert.NotNull(nearby);
        Assert.Equal("Bitola", nearby.Town.Name);
        Assert.InRange(nearby.DistanceKm, 0, 1);
    }

    [Fact]
    public void A_point_between_towns_takes_the_nearer_and_its_distance()
    {
        // 5 km east of Veles, well over 20 km from Štip.
        var point = Haversine.Destination(new GeoPoint(41.7156, 21.7756), 90, 5);

        var nearby = Gazetteer.Nearest(point);

        Assert.Equal("Veles", nearby?.Town.Name);
        Assert.Equal(5, nearby!.DistanceKm, 1);
    }

    [Fact]
    public void A_point_far_from_every_town_has_no_name()
    {
        // The middle of the Adriatic.
        Assert.Null(Gazetteer.Nearest(new GeoPoint(42.0, 16.0)));
        Assert.Null(Gazetteer.Nearest(new GeoPoint(41.9981, 21.4254 + 0.2), reachKm: 5));
    }
}
