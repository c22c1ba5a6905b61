using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using Xunit;

namespace EarlyWarning.Domain.Tests.Places;

public sealed class NearestTownTests
{
    [Fact]
    public void A_point_in_town_is_named_in_each_languages_own_form_and_a_remote_one_not_at_all()
    {
        var ohrid = NearestTown.To(new GeoPoint(41.12, 20.80));

        Assert.NotNull(ohrid);
        Assert.Equal("Охрид", ohrid.NameIn(AlertLanguage.Macedonian));
        Assert.Equal("Ohër", ohrid.NameIn(AlertLanguage.Albanian));
        Assert.Equal("Ohrid", ohrid.NameIn(AlertLanguage.Romani));
        Assert.Equal("Ohrid", ohrid.NameIn(AlertLanguage.English));
        // Debar: over 30 km from Kičevo and Struga.
        Assert.Null(NearestTown.To(new GeoPoint(41.5244, 20.5272)));
    }
}
