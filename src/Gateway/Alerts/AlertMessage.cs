using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Geo;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>API.md's <c>alert</c> message. <see cref="Child"/> is null (absent) on a cancel.</summary>
public sealed record AlertMessage(
    string CaseId,
    long Version,
    AlertKind Kind,
    CaseLevel Level,
    DateTimeOffset IssuedAt,
    string Headline,
    string Text,
    string Language,
    AlertChild? Child,
    GeoJsonGeometry Zone,
    double DistanceKm);

/// <summary>The child as an alert shows it.</summary>
public sealed record AlertChild(string Name, int Age, string Description, string? PhotoUrl);
