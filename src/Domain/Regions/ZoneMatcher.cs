using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>Finds the subscribers a case zone reaches: eligible for its level and within their watch radius of it.</summary>
public static class ZoneMatcher
{
    /// <summary>Matches over <paramref name="points"/>, in input order.</summary>
    public static List<ZoneMatch> Match(ReadOnlySpan<WatchedPoint> points, Zone zone, CaseLevel level)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var matches = new List<ZoneMatch>();
        for (var i = 0; i < points.Length; i++)
        {
            ref readonly var point = ref points[i];
            if (IsMatch(point, zone, level, out var distanceKm))
            {
                matches.Add(new ZoneMatch(i, distanceKm));
            }
        }

        return matches;
    }

    /// <summary>True when <paramref name="point"/> should be alerted for <paramref name="zone"/> at <paramref name="level"/>.</summary>
    public static bool IsMatch(in WatchedPoint point, Zone zone, CaseLevel level, out double distanceKm)
    {
        ArgumentNullException.ThrowIfNull(zone);
        distanceKm = double.PositiveInfinity;
        return Eligibility.MayReceive(point.Kind, level) && zone.Reaches(point.Position, point.WatchRadiusKm, out distanceKm);
    }
}
