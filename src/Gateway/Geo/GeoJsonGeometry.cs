namespace EarlyWarning.Gateway.Geo;

/// <summary>
/// A GeoJSON (RFC 7946) Polygon or MultiPolygon of plain arrays, so the same value serialises
/// through System.Text.Json and the hub's MessagePack protocol alike.
/// </summary>
public sealed record GeoJsonGeometry(string Type, object Coordinates);
