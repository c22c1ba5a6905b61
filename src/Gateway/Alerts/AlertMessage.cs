using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Geo;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// API.md's <c>alert</c> message. <see cref="Child"/> is null (absent) on a cancel. <see cref="Exercise"/>
/// (added): <c>true</c> on every message of a drill, absent otherwise (so a real alert keeps the
/// shape API.md gave it); the headline and text carry the exercise mark too.
/// </summary>
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
    double DistanceKm,
    bool? Exercise = null);

/// <summary>The child as an alert shows it.</summary>
public sealed record AlertChild(string Name, int Age, string Description, string? PhotoUrl);
