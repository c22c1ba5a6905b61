using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Gateway.Demo;

/// <summary>The demo child's route; the towns themselves are <see cref="EarlyWarning.Domain.Places.NorthMacedonia.Towns"/>.</summary>
public static class DemoRoute
{
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
