using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>
/// Finds the subscribers a case zone reaches: eligible for its level (and, for an exercise, opted in
/// to exercises) and within their watch radius of it.
/// </summary>
public static class ZoneMatcher
{
    /// <summary>Matches over <paramref name="points"/>, in input order.</summary>
    public static List<ZoneMatch> Match(ReadOnlySpan<WatchedPoint> points, Zone zone, CaseLevel level, bool exercise = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var matches = new List<ZoneMatch>();
        for (var i = 0; i < points.Length; i++)
        {
            ref readonly var point = ref points[i];
            if (IsMatch(point, zone, level, exercise, out var distanceKm))
            {
                matches.Add(new ZoneMatch(i, distanceKm));
            }
        }

        return matches;
    }

    /// <summary>True when <paramref name="point"/> should be alerted for <paramref name="zone"/> at <paramref name="level"/>.</summary>
    public static bool IsMatch(in WatchedPoint point, Zone zone, CaseLevel level, out double distanceKm) =>
        IsMatch(point, zone, level, exercise: false, out distanceKm);

    /// <summary>As the other overload, for a case that is an exercise when <paramref name="exercise"/> is true.</summary>
    public static bool IsMatch(in WatchedPoint point, Zone zone, CaseLevel level, bool exercise, out double distanceKm)
    {
        ArgumentNullException.ThrowIfNull(zone);
        distanceKm = double.PositiveInfinity;
        return Eligibility.MayReceive(point.Kind, level, exercise, point.Exercises) && zone.Reaches(point.Position, point.WatchRadiusKm, out distanceKm);
    }
}
