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
}
