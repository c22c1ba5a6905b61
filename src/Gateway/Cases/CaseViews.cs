using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>API.md's <c>Case</c>. <typeparamref name="TSighting"/> is the sighting view the caller may see.</summary>
public sealed record CaseView<TSighting>(
    string Id,
    CaseStatus Status,
    CaseOutcome? Outcome,
    CaseLevel Level,
    long Version,
    ChildView Child,
    PointInTime LastSeen,
    TravelMode TravelMode,
    DateTimeOffset CreatedAt,
    ZoneView Zone,
    IReadOnlyList<TSighting> Sightings,
    StatsView Stats);

public sealed record ChildView(string Name, int Age, string? Sex, string Description, string? PhotoUrl);

public sealed record PointInTime(double Lat, double Lon, DateTimeOffset At);

public sealed record ZoneView(double RadiusKm, IReadOnlyList<AnchorView> Anchors);

public sealed record AnchorView(double Lat, double Lon, DateTimeOffset At, double RadiusKm);

public sealed record StatsView(long Alerted, long Delivered, long Acknowledged);

public sealed record CaseSummaryView(string Id, CaseStatus Status, CaseLevel Level, long Version, string ChildName, PointInTime LastSeen, DateTimeOffset CreatedAt);
