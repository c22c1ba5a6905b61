using System.Globalization;
using System.Text;

namespace EarlyWarning.RedisPeer.Reporting;

/// <summary>
/// Prints each row as a table line the moment it is measured and appends it to the CSV, flushed,
/// so a run that fails half-way still leaves the rows it made.
/// </summary>
internal sealed class ResultReport : IDisposable
{
    public const string CsvHeader = "measure,distribution,size,count,median_ms,p99_ms,rate_per_s";

    private static readonly CompositeFormat TableFormat = CompositeFormat.Parse("{0,-17} {1,-10} {2,9} {3,9} {4,11} {5,11} {6,12}  {7}");

    private readonly StreamWriter _csv;

    private ResultReport(StreamWriter csv) => _csv = csv;

    public static ResultReport Create(string csvPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(csvPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var csv = new StreamWriter(csvPath, append: false) { AutoFlush = true, NewLine = "\n" };
        csv.WriteLine(CsvHeader);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, TableFormat,
            "measure", "dist", "size", "count", "median ms", "p99 ms", "rate/s", "note"));
        return new ResultReport(csv);
    }

    public void Add(MeasureRow row)
    {
        _csv.WriteLine(string.Join(',',
            row.Measure, row.Distribution, Format(row.Size), Format(row.Count),
            Format(row.MedianMs, "0.###"), Format(row.P99Ms, "0.###"), Format(row.RatePerSecond, "0")));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, TableFormat,
            row.Measure, row.Distribution, row.Size, Format(row.Count),
            Format(row.MedianMs, "0.000"), Format(row.P99Ms, "0.000"), Format(row.RatePerSecond, "#,0"), row.Note));
    }

    public void Dispose() => _csv.Dispose();

    private static string Format(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Format(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
