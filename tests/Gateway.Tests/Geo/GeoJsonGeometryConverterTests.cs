using System.Text.Json;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Geo;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Tests.Geo;

public sealed class GeoJsonGeometryConverterTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);

    // Two anchors apart: a MultiPolygon; one: a Polygon.
    private static readonly GeoJsonGeometry TwoCircles = ZoneShapes.ToGeoJson(
        [new AnchorCircle(41.9981, 21.4254, Now, 3.5), new AnchorCircle(41.1231, 20.8016, Now, 1.2)]);

    private static readonly GeoJsonGeometry OneCircle = ZoneShapes.ToGeoJson([new AnchorCircle(41.3451, 21.5550, Now, 0.8)]);

    [Fact]
    public void An_alert_reads_byte_for_byte_as_the_default_serializer_writes_it_every_time()
    {
        var alert = new AlertMessage(
            "case-1", 3, AlertKind.Update, CaseLevel.Public, Now, "Headline", "Text", "mk",
            new AlertChild("Ana", 7, "Red jacket", null), TwoCircles, 1.25);
        var expected = JsonSerializer.Serialize(alert, HubOptions(withConverter: false));
        var options = HubOptions(withConverter: true);

        Assert.Equal(expected, JsonSerializer.Serialize(alert, options));
        Assert.Equal(expected, JsonSerializer.Serialize(alert, options));
        Assert.Contains("\"zone\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_geometry_keeps_its_own_coordinates()
    {
        var options = HubOptions(withConverter: true);
        var plain = HubOptions(withConverter: false);

        Assert.Equal(JsonSerializer.Serialize(TwoCircles, plain), JsonSerializer.Serialize(TwoCircles, options));
        Assert.Equal(JsonSerializer.Serialize(OneCircle, plain), JsonSerializer.Serialize(OneCircle, options));
        Assert.NotEqual(JsonSerializer.Serialize(TwoCircles, options), JsonSerializer.Serialize(OneCircle, options));
    }

    [Fact]
    public void What_it_writes_reads_back_as_the_same_geometry()
    {
        var options = HubOptions(withConverter: true);
        var json = JsonSerializer.Serialize(OneCircle, options);

        var read = JsonSerializer.Deserialize<GeoJsonGeometry>(json, options)!;

        Assert.Equal("Polygon", read.Type);
        Assert.Equal(json, JsonSerializer.Serialize(read, HubOptions(withConverter: false)));
    }

    private static JsonSerializerOptions HubOptions(bool withConverter)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        if (withConverter)
        {
            options.Converters.Add(new GeoJsonGeometryConverter());
        }

        return options;
    }
}
