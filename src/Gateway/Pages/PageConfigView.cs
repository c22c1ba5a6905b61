namespace EarlyWarning.Gateway.Pages;

/// <summary>What every page reads before drawing its map.</summary>
public sealed record PageConfigView(string TileUrl, string TileAttribution, IReadOnlyList<TownView> Towns);

/// <summary>A town drawn on the offline map.</summary>
public sealed record TownView(string Name, double Lat, double Lon, int Population);
