using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Workload.Subscribers;

/// <summary>
/// Subscriber positions as two parallel arrays: 16 bytes a subscriber, no object per point,
/// so a million of them cost 16 MB and scan at memory speed. Subscriber <c>i</c> is the same
/// person on both sides of a comparison (Redis member <c>"i"</c>, EarlyWarning's i-th subscriber).
/// </summary>
public sealed class SubscriberPoints
{
    private readonly double[] _lats;
    private readonly double[] _lons;

    /// <summary>Wraps generated coordinates; both arrays must have the same length.</summary>
    public SubscriberPoints(SubscriberDistribution distribution, ulong seed, double[] lats, double[] lons)
    {
        ArgumentNullException.ThrowIfNull(lats);
        ArgumentNullException.ThrowIfNull(lons);
        if (lats.Length != lons.Length)
        {
            throw new ArgumentException("Latitudes and longitudes differ in length.", nameof(lons));
        }

        Distribution = distribution;
        Seed = seed;
        _lats = lats;
        _lons = lons;
    }

    /// <summary>The distribution the points were drawn from.</summary>
    public SubscriberDistribution Distribution { get; }

    /// <summary>The seed they were drawn with: the same seed and count give the same points.</summary>
    public ulong Seed { get; }

    /// <summary>Number of subscribers.</summary>
    public int Count => _lats.Length;

    /// <summary>Latitudes in degrees, by subscriber index.</summary>
    public ReadOnlySpan<double> Lats => _lats;

    /// <summary>Longitudes in degrees, by subscriber index.</summary>
    public ReadOnlySpan<double> Lons => _lons;

    /// <summary>The position of subscriber <paramref name="index"/>.</summary>
    public GeoPoint this[int index] => new(_lats[index], _lons[index]);
}
