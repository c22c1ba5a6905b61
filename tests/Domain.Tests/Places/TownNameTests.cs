using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using Xunit;

namespace EarlyWarning.Domain.Tests.Places;

public sealed class TownNameTests
{
    [Fact]
    public void A_point_in_town_is_named_in_each_languages_own_form_and_a_remote_one_not_at_all()
    {
        var ohrid = Gazetteer.Nearest(new GeoPoint(41.12, 20.80), Gazetteer.AlertReachKm)?.Town;

        Assert.NotNull(ohrid);
        Assert.Equal("Охрид", ohrid.NameIn(AlertLanguage.Macedonian));
        Assert.Equal("Ohër", ohrid.NameIn(AlertLanguage.Albanian));
        Assert.Equal("Ohrid", ohrid.NameIn(AlertLanguage.Romani));
        Assert.Equal("Ohrid", ohrid.NameIn(AlertLanguage.English));
        // Debar: over 15 km (the alerts' reach) from Kičevo and Struga.
        Assert.Null(Gazetteer.Nearest(new GeoPoint(41.5244, 20.5272), Gazetteer.AlertReachKm));
    }
}
