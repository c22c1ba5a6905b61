using EarlyWarning.Domain.Places;
using EarlyWarning.Workload.Sampling;

namespace EarlyWarning.Workload.Subscribers;

/// <summary>Subscribers spread evenly in latitude and longitude over the country's bounding box.</summary>
public static class UniformPlacement
{
    /// <summary>Draws <paramref name="count"/> points from <paramref name="random"/>.</summary>
    public static (double[] Lats, double[] Lons) Place(int count, SplitMix64 random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);
        var lats = new double[count];
        var lons = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Uniform in degrees, not in area: over 1.5° of latitude the cos(lat) skew is under 2 %,
            // and Redis and EarlyWarning get the same points either way.
            lats[i] = random.NextDouble(NorthMacedonia.MinLat, NorthMacedonia.MaxLat);
            lons[i] = random.NextDouble(NorthMacedonia.MinLon, NorthMacedonia.MaxLon);
        }

        return (lats, lons);
    }
}
