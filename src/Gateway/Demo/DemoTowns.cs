using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Gateway.Demo;

/// <summary>North Macedonian towns with their population (2021 census, rounded) and the language most heard there.</summary>
public static class DemoTowns
{
    public sealed record Town(string Name, GeoPoint Centre, int Population, string Language);

    public static IReadOnlyList<Town> All { get; } =
    [
        new("Skopje", new(41.9981, 21.4254), 526_000, AlertLanguage.Macedonian),
        new("Kumanovo", new(42.1322, 21.7144), 98_000, AlertLanguage.Macedonian),
        new("Bitola", new(41.0297, 21.3292), 69_000, AlertLanguage.Macedonian),
        new("Prilep", new(41.3451, 21.5550), 63_000, AlertLanguage.Macedonian),
        new("Tetovo", new(42.0106, 20.9715), 63_000, AlertLanguage.Albanian),
        new("Veles", new(41.7156, 21.7756), 48_000, AlertLanguage.Macedonian),
        new("Štip", new(41.7458, 22.1958), 44_000, AlertLanguage.Macedonian),
        new("Ohrid", new(41.1231, 20.8016), 39_000, AlertLanguage.Macedonian),
        new("Gostivar", new(41.7958, 20.9083), 35_000, AlertLanguage.Albanian),
        new("Strumica", new(41.4378, 22.6427), 33_000, AlertLanguage.Macedonian),
        new("Kavadarci", new(41.4331, 22.0119), 29_000, AlertLanguage.Macedonian),
        new("Kočani", new(41.9164, 22.4128), 25_000, AlertLanguage.Macedonian),
        new("Kičevo", new(41.5127, 20.9589), 23_000, AlertLanguage.Albanian),
        new("Struga", new(41.1775, 20.6783), 16_000, AlertLanguage.Albanian),
        new("Gevgelija", new(41.1392, 22.5025), 15_000, AlertLanguage.Macedonian),
    ];

    /// <summary>The route the demo child takes: from central Skopje west along the road to Tetovo.</summary>
    public static IReadOnlyList<GeoPoint> RouteWest { get; } =
    [
        new(41.9981, 21.4254),
        new(42.0030, 21.3700),
        new(42.0080, 21.3000),
        new(42.0150, 21.2300),
        new(42.0200, 21.1500),
        new(42.0180, 21.0800),
        new(42.0106, 20.9715),
    ];
}
