using System.Text;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// A case's timeline as CSV for after-action review: header <c>seq,at,kind,actor,data</c>, <c>data</c> as
/// <c>key=value</c> pairs joined by <c>; </c>. RFC 4180 quoting, and safe to open in a spreadsheet: a cell
/// that a spreadsheet would read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR)
/// is prefixed with <c>'</c>.
/// </summary>
public static class TimelineCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private const string Header = "seq,at,kind,actor,data";

    public static string FileName(string caseId) => $"case-{caseId}-timeline.csv";

    public static string Write(IEnumerable<TimelineEntry> entries)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var e in entries)
        {
            csv.Append(Cell(e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(',')
                .Append(Cell(e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))).Append(',')
                .Append(Cell(e.Kind)).Append(',')
                .Append(Cell(e.Actor)).Append(',')
                .Append(Cell(string.Join("; ", e.Data.Select(d => $"{d.Key}={d.Value}"))))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>One field: neutralised against formula injection, then quoted when it holds a comma, quote or line break.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
