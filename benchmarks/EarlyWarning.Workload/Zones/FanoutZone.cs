using EarlyWarning.Domain.Geo;
using EarlyWarning.Workload.Subscribers;

namespace EarlyWarning.Workload.Zones;

/// <summary>
/// A fan-out zone sized to reach a given number of recipients exactly: the circle around
/// <see cref="ZoneQueries.SkopjeCentre"/> that holds the n nearest subscribers and no other.
/// Asking both sides this one circle, rather than "the first n of a bigger zone", keeps
/// their recipient sets identical without a sort on either side.
/// </summary>
public static class FanoutZone
{
    /// <summary>The zone over <paramref name="points"/> holding the <paramref name="recipients"/> nearest to Skopje.</summary>
    public static ZoneQuery ForRecipients(SubscriberPoints points, int recipients)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recipients);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recipients, points.Count);
        var centre = ZoneQueries.SkopjeCentre;
        var distances = new double[points.Count];
        for (var i = 0; i < distances.Length; i++)
        {
            distances[i] = Haversine.DistanceKm(centre, points[i]);
        }

        Array.Sort(distances);
        var last = distances[recipients - 1];
        var next = recipients < distances.Length ? distances[recipients] : last + 1;
        // Halfway between the n-th and the next point: the widest margin either side can have
        // against rounding at the edge.
        return new ZoneQuery("fanout", points.Distribution, centre, (last + next) / 2);
    }
}
