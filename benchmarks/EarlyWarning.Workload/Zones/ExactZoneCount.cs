using EarlyWarning.Domain.Geo;
using EarlyWarning.Workload.Subscribers;

namespace EarlyWarning.Workload.Zones;

/// <summary>
/// The reference answer to a <see cref="ZoneQuery"/>: every point tested with the domain's
/// <see cref="Haversine"/>, no index. Both sides check their recipients against it.
/// </summary>
public static class ExactZoneCount
{
    /// <summary>How many of <paramref name="points"/> lie within <paramref name="radiusKm"/> of <paramref name="centre"/>.</summary>
    public static int Count(SubscriberPoints points, GeoPoint centre, double radiusKm) =>
        Members(points, centre, radiusKm).Length;

    /// <summary>The indices of those points, ascending.</summary>
    public static int[] Members(SubscriberPoints points, GeoPoint centre, double radiusKm)
    {
        ArgumentNullException.ThrowIfNull(points);
        var (latSpan, lonSpan) = Haversine.BoundingHalfSpanDeg(centre, radiusKm);
        var lats = points.Lats;
        var lons = points.Lons;
        var members = new List<int>();
        for (var i = 0; i < lats.Length; i++)
        {
            // The box test skips the trigonometry for most points of a small zone.
            if (Math.Abs(lats[i] - centre.Lat) > latSpan || Math.Abs(lons[i] - centre.Lon) > lonSpan)
            {
                continue;
            }

            if (Haversine.DistanceKm(centre, new GeoPoint(lats[i], lons[i])) <= radiusKm)
            {
                members.Add(i);
            }
        }

        return [.. members];
    }

    /// <summary>The members of <paramref name="query"/> over <paramref name="points"/>.</summary>
    public static int[] Members(SubscriberPoints points, ZoneQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Members(points, query.Centre, query.RadiusKm);
    }
}
