using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using Xunit;

namespace EarlyWarning.Domain.Tests.Geo;

[Trait("Category", "Interop")]
public sealed class CountriesTests
{
    [Fact]
    public void A_point_in_skopje_is_in_north_macedonia_only()
    {
        Assert.Equal(["MK"], Countries.Containing(new GeoPoint(41.9981, 21.4254)));
    }

    [Theory]
    [InlineData(41.3275, 19.8187, "AL")] // Tirana
    [InlineData(42.6629, 21.1655, "XK")] // Prishtina
    [InlineData(40.6401, 22.9444, "GR")] // Thessaloniki
    [InlineData(42.6977, 23.3219, "BG")] // Sofia
    [InlineData(44.7866, 20.4489, "RS")] // Belgrade
    public void Each_neighbours_capital_or_main_city_is_in_that_country_only(double lat, double lon, string code)
    {
        Assert.Equal([code], Countries.Containing(new GeoPoint(lat, lon)));
    }

    [Fact]
    public void A_point_outside_all_six_is_in_none()
    {
        Assert.Empty(Countries.Containing(new GeoPoint(45.8150, 15.9819))); // Zagreb
    }

    [Fact]
    public void A_zone_around_struga_reaches_albania_only_once_it_spans_the_border()
    {
        var struga = new GeoPoint(41.1780, 20.6783);

        var small = ZoneGeometry.ToPolygon(new Zone([new GeoCircle(struga, 3)]));
        var grown = ZoneGeometry.ToPolygon(new Zone([new GeoCircle(struga, 15)]));

        Assert.Equal(["MK"], Countries.Reached(small));
        Assert.Equal(["MK", "AL"], Countries.Reached(grown));
    }

    [Theory]
    [InlineData(41.1780, 20.6783)] // Struga, near Albania
    [InlineData(41.9981, 21.4254)] // Skopje, near Kosovo and Serbia
    [InlineData(41.4381, 22.6431)] // Strumica, near Bulgaria and Greece
    public void A_circle_reaches_a_country_by_the_exact_test_just_past_its_flat_distance_and_not_short_of_it(double lat, double lon)
    {
        var centre = new GeoPoint(lat, lon);
        var codes = Countries.Codes;
        var distances = Countries.DistancesKm(centre);

        Assert.Equal(0, distances[codes.ToList().IndexOf("MK")]);
        for (var i = 0; i < codes.Count; i++)
        {
            if (distances[i] is 0 or > 150)
            {
                continue;
            }

            var shortOf = Countries.Reached(ZoneGeometry.ToPolygon(new Zone([new GeoCircle(centre, distances[i] * 0.97)])));
            var past = Countries.Reached(ZoneGeometry.ToPolygon(new Zone([new GeoCircle(centre, (distances[i] * 1.03) + 0.5)])));
            Assert.DoesNotContain(codes[i], shortOf);
            Assert.Contains(codes[i], past);
        }
    }

    [Theory]
    [InlineData("AL", true)]
    [InlineData("xk", true)]
    [InlineData("ZZ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_six_codes_are_known(string? code, bool known)
    {
        Assert.Equal(known, Countries.IsKnown(code));
    }
}
