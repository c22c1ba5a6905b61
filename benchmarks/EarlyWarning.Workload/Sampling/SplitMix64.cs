namespace EarlyWarning.Workload.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit generator small enough to read at a glance.
/// Its sequence for a seed is fixed by this file, not by the runtime, so the points stay the
/// same across .NET versions and machines, and both sides of a comparison see the same ones.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    private ulong _state = seed;

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * TwoToMinus53;

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Multiply-shift (Lemire) instead of modulo: no division, bias below 2^-32.
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Two independent standard normal values (Box–Muller), e.g. an east and a north offset.</summary>
    public (double First, double Second) NextGaussianPair()
    {
        // 1 − u keeps the logarithm's argument in (0, 1].
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * NextDouble());
        return (radius * cos, radius * sin);
    }
}
