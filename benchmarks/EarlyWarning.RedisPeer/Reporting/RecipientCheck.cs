using System.Globalization;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;

namespace EarlyWarning.RedisPeer.Reporting;

/// <summary>
/// Compares the members Redis returned with <see cref="ExactZoneCount"/>'s. Redis stores a
/// 52-bit geohash (about 0.6 m cells here) and measures on its own sphere, so a member a few
/// decimetres from the edge may fall on the other side; the note says how many and how close.
/// </summary>
internal static class RecipientCheck
{
    public static string Describe(SubscriberPoints points, ZoneQuery zone, int[] exact, int[] returned)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Array.Sort(returned);
        var missing = exact.Except(returned).ToArray();
        var extra = returned.Except(exact).ToArray();
        if (missing.Length == 0 && extra.Length == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"= exact {exact.Length}");
        }

        var worstM = missing.Concat(extra)
            .Max(i => Math.Abs(Haversine.DistanceKm(zone.Centre, points[i]) - zone.RadiusKm)) * 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"exact {exact.Length}: {missing.Length} missing, {extra.Length} extra, all within {worstM:0.00} m of the edge");
    }
}
