using EarlyWarning.Gateway.Geo;

namespace EarlyWarning.Gateway.Cases;

/// <summary>API.md's zone: a GeoJSON Feature with the anchors as properties.</summary>
public sealed record ZoneFeature(GeoJsonGeometry Geometry, ZoneProperties Properties)
{
    public string Type => "Feature";
}

public sealed record ZoneProperties(string CaseId, long Version, DateTimeOffset ComputedAt, IReadOnlyList<AnchorView> Anchors);
