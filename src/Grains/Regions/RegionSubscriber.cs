using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// A subscriber as its region indexes it; position in WGS-84 degrees, radius in km; <c>Push</c>:
/// it has a Web Push subscription (added last, so cells stored before read back as false);
/// <c>Exercises</c>: it opted in to exercises (added after it, for the same reason).
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.region-subscriber")]
public sealed record RegionSubscriber(
    string Id, double Lat, double Lon, double WatchRadiusKm, SubscriberKind Kind, string Language, bool Push = false, bool Exercises = false)
{
    /// <summary>The wire record of a subscriber the index holds (to store it).</summary>
    public static RegionSubscriber From(IndexedSubscriber s) => new(s.Id, s.Lat, s.Lon, s.WatchRadiusKm, s.Kind, s.Language, s.Push, s.Exercises);

    /// <summary>The subscriber as the index holds it.</summary>
    public IndexedSubscriber ToIndexed() => new(Id, Lat, Lon, WatchRadiusKm, Kind, Language, Push, Exercises);

    /// <summary>The subscriber as the matcher sees it.</summary>
    public WatchedPoint ToWatched() => new(new GeoPoint(Lat, Lon), WatchRadiusKm, Kind, Exercises);
}
