using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using EarlyWarning.Workload.Sampling;
using EarlyWarning.Workload.Subscribers;

namespace EarlyWarning.Workload.Ingest;

/// <summary>
/// A fixed-seed stream of location updates: random subscribers, each moved a short walk from
/// where it was generated, so the sets that zone queries run over barely change while the
/// index still has to move entries.
/// </summary>
public static class LocationUpdates
{
    /// <summary>Seed of the update stream.</summary>
    public const ulong Seed = 0x7570646174657321UL;

    /// <summary>Standard deviation of a move, per axis, in km.</summary>
    public const double StepKm = 0.05;

    private const double KmPerDegreeLat = Haversine.EarthRadiusKm * Math.PI / 180.0;

    /// <summary><paramref name="count"/> updates of subscribers of <paramref name="points"/>.</summary>
    public static LocationUpdate[] Generate(SubscriberPoints points, int count)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new SplitMix64(Seed);
        var updates = new LocationUpdate[count];
        for (var i = 0; i < count; i++)
        {
            var subscriber = random.NextInt(points.Count);
            var from = points[subscriber];
            var (eastSd, northSd) = random.NextGaussianPair();
            var kmPerDegreeLon = KmPerDegreeLat * Math.Cos(from.Lat * Math.PI / 180.0);
            var lat = Math.Clamp(from.Lat + (northSd * StepKm / KmPerDegreeLat), NorthMacedonia.MinLat, NorthMacedonia.MaxLat);
            var lon = Math.Clamp(from.Lon + (eastSd * StepKm / kmPerDegreeLon), NorthMacedonia.MinLon, NorthMacedonia.MaxLon);
            updates[i] = new LocationUpdate(subscriber, GeohashGrid.SnapLat(lat), GeohashGrid.SnapLon(lon));
        }

        return updates;
    }
}
