namespace EarlyWarning.Domain.Cases;

/// <summary>The growth rule of one anchor's circle.</summary>
public static class ZoneGrowth
{
    /// <summary>
    /// <c>min(max, base + speed × (now − anchorAt))</c> in km; an anchor stamped in the future
    /// (clock skew) counts as fresh rather than negative.
    /// </summary>
    public static double RadiusKm(ZonePolicy policy, TravelMode mode, DateTimeOffset anchorAt, DateTimeOffset now)
    {
        var hours = Math.Max(0, (now - anchorAt).TotalHours);
        return Math.Min(policy.MaxRadiusKm(mode), policy.BaseRadiusKm + (policy.SpeedKmh(mode) * hours));
    }

    /// <summary>
    /// The most pushes time alone can have caused from <paramref name="since"/> to
    /// <paramref name="until"/> for a zone of <paramref name="anchors"/> anchors: a push needs some
    /// circle grown by at least <see cref="ZonePolicy.MaterialGrowthKm"/> since the last push, or an
    /// anchor retired, and no circle grows faster than the travel mode's speed or past its maximum.
    /// An upper bound, not an estimate: a case that lost its unstored pushes goes on above it.
    /// </summary>
    public static long MostPushes(int anchors, TravelMode mode, ZonePolicy policy, DateTimeOffset since, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var hours = Math.Max(0, (until - since).TotalHours);
        var growthKm = Math.Min(policy.MaxRadiusKm(mode) - policy.BaseRadiusKm, policy.SpeedKmh(mode) * hours);
        var stepsPerAnchor = (long)Math.Floor(Math.Max(0, growthKm) / policy.MaterialGrowthKm);

        // Each anchor may also retire once; one more for a push at the very start.
        return (anchors * (stepsPerAnchor + 1)) + 1;
    }
}
