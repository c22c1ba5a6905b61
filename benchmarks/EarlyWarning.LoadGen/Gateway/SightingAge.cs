namespace EarlyWarning.LoadGen.Gateway;

/// <summary>
/// How long before the report each sighting was seen. The zone keeps an older anchor for 30 min
/// after a newer sighting's <c>seenAt</c>; a sighting seen more than 30 min ago therefore retires
/// the one before at once, and the zone stays a single circle however many sightings a run sends
/// (the steady state of a real case, where sightings come minutes apart).
/// </summary>
internal static class SightingAge
{
    /// <summary>Walking, 31 min: one circle of ~3.6 km.</summary>
    public static readonly TimeSpan Steady = TimeSpan.FromMinutes(31);

    /// <summary>Fresh sightings: every one stays an anchor for 30 min, so the zone grows a circle per sighting.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.Zero;

    /// <summary>Walking, 10 h: one circle at the 50 km walking maximum.</summary>
    public static readonly TimeSpan FiftyKm = TimeSpan.FromHours(10);

    /// <summary>The case's own last-seen time: older than any sighting's, so the first sighting retires it.</summary>
    public static TimeSpan Opening(TimeSpan sightingAge) => sightingAge + TimeSpan.FromMinutes(9);
}
