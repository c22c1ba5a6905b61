using System.Globalization;

namespace EarlyWarning.Benchmarks.Compare;

/// <summary>Repeated timings of one measure, summarised as compare.sh reads them.</summary>
public sealed class Timings(string measure, string distribution, int size)
{
    private readonly List<double> _ms = [];

    public int Count { get; set; }

    public void Add(TimeSpan elapsed) => _ms.Add(elapsed.TotalMilliseconds);

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>measure,distribution,size,count,median_ms,p99_ms,rate_per_s</summary>
    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{measure},{distribution},{size},{Count},{Percentile(50):F4},{Percentile(99):F4},");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{measure,-10} {distribution,-10} {size,9} subscribers  count {Count,8}  median {Percentile(50),10:F3} ms  p99 {Percentile(99),10:F3} ms  ({_ms.Count} runs)");
}
