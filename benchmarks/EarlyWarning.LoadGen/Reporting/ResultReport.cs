using System.Globalization;
using System.Text;

namespace EarlyWarning.LoadGen.Reporting;

/// <summary>
/// Prints each row as a table line the moment it is measured and appends it to the CSV, flushed,
/// so a run that fails half-way still leaves the rows it made.
/// </summary>
internal sealed class ResultReport : IDisposable
{
    public const string CsvHeader = "measure,clients,count,p50_ms,p90_ms,p99_ms,max_ms,rate_per_s";

    private static readonly CompositeFormat TableFormat = CompositeFormat.Parse("{0,-15} {1,8} {2,9} {3,10} {4,10} {5,10} {6,10} {7,11}  {8}");

    private readonly StreamWriter _csv;

    private ResultReport(StreamWriter csv, string path)
    {
        _csv = csv;
        CsvPath = path;
    }

    public string CsvPath { get; }

    public static ResultReport Create(string csvPath)
    {
        var path = Path.GetFullPath(csvPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var csv = new StreamWriter(path, append: false) { AutoFlush = true, NewLine = "\n" };
        csv.WriteLine(CsvHeader);
        return new ResultReport(csv, path);
    }

    public static void PrintHeader() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, TableFormat,
            "measure", "clients", "count", "p50 ms", "p90 ms", "p99 ms", "max ms", "rate/s", "note"));

    public void Add(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _csv.WriteLine(string.Join(',',
            row.Measure, Csv(row.Clients), Csv(row.Count), Csv(row.P50Ms), Csv(row.P90Ms), Csv(row.P99Ms), Csv(row.MaxMs), Csv(row.RatePerSecond, "0.#")));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, TableFormat,
            row.Measure, row.Clients.ToString("N0", CultureInfo.InvariantCulture), row.Count.ToString("N0", CultureInfo.InvariantCulture),
            Table(row.P50Ms), Table(row.P90Ms), Table(row.P99Ms), Table(row.MaxMs), Table(row.RatePerSecond, "#,0"), row.Note));
    }

    public void Dispose() => _csv.Dispose();

    private static string Csv(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Csv(double value, string format = "0.###") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Table(double value, string format = "0.000") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
