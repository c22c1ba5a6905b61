using EarlyWarning.Workload.Sampling;

namespace EarlyWarning.Workload.Subscribers;

/// <summary>
/// The benchmark subscribers: one fixed seed per distribution, any count, positions on the
/// <see cref="GeohashGrid"/>.
/// </summary>
public static class SubscriberWorkload
{
    /// <summary>Seed of the uniform points.</summary>
    public const ulong UniformSeed = 0x6E6F72746875UL;

    /// <summary>Seed of the clustered points.</summary>
    public const ulong ClusteredSeed = 0x736B6F706A65UL;

    /// <summary>
    /// The first <paramref name="count"/> subscribers of <paramref name="distribution"/>. A smaller
    /// count gives a prefix of a larger one's points, so a quick run is a sample of the full one.
    /// </summary>
    public static SubscriberPoints Generate(SubscriberDistribution distribution, int count)
    {
        var seed = distribution == SubscriberDistribution.Uniform ? UniformSeed : ClusteredSeed;
        return Generate(distribution, count, seed);
    }

    /// <summary>As <see cref="Generate(SubscriberDistribution, int)"/> with another seed.</summary>
    public static SubscriberPoints Generate(SubscriberDistribution distribution, int count, ulong seed)
    {
        var random = new SplitMix64(seed);
        var (lats, lons) = distribution switch
        {
            SubscriberDistribution.Uniform => UniformPlacement.Place(count, random),
            SubscriberDistribution.Clustered => ClusteredPlacement.Place(count, random),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, null),
        };
        GeohashGrid.SnapAll(lats, lons);
        return new SubscriberPoints(distribution, seed, lats, lons);
    }
}
