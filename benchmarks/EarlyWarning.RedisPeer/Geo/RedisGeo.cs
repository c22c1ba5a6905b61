using EarlyWarning.Domain.Geo;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Geo;

/// <summary>How the workload maps onto Redis: one sorted set per distribution, member = subscriber index.</summary>
internal static class RedisGeo
{
    /// <summary>The sphere Redis measures on (EARTH_RADIUS_IN_METERS in its geohash_helper.c), in km.</summary>
    public const double EarthRadiusKm = 6372.797560856;

    public static RedisKey Key(SubscriberDistribution distribution) => $"geo:{distribution.ToText()}";

    /// <summary>Short decimal members ("123456"): the cheapest names Redis can store and send.</summary>
    public static RedisValue Member(int subscriber) => subscriber;

    public static int Subscriber(RedisValue member) => (int)member;

    /// <summary>
    /// The radius to give Redis so that it answers the domain's question: a point is within
    /// <paramref name="radiusKm"/> by <see cref="Haversine"/> exactly when it is within the
    /// returned metres on Redis's 0.03 % larger sphere. Left unscaled, a 50 km zone would
    /// lose everyone in its outer 14 m.
    /// </summary>
    public static double RadiusMetres(double radiusKm) => radiusKm * EarthRadiusKm / Haversine.EarthRadiusKm * 1000;

    /// <summary>
    /// GEOSEARCH key FROMLONLAT lon lat BYRADIUS r m, at its cheapest: no COUNT (which would
    /// make Redis sort), no ordering, no distances or coordinates in the reply.
    /// </summary>
    public static Task<GeoRadiusResult[]> SearchAsync(IDatabaseAsync db, RedisKey key, ZoneQuery zone)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        return db.GeoSearchAsync(
            key, zone.Centre.Lon, zone.Centre.Lat, new GeoSearchCircle(RadiusMetres(zone.RadiusKm), GeoUnit.Meters),
            count: -1, demandClosest: true, order: null, options: GeoRadiusOptions.None);
    }

    public static int[] Subscribers(GeoRadiusResult[] results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var subscribers = new int[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            subscribers[i] = Subscriber(results[i].Member);
        }

        return subscribers;
    }
}
