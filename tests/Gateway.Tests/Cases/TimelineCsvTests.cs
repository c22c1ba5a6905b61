using EarlyWarning.Gateway.Cases;
using EarlyWarning.Grains.Cases;
using Microsoft.VisualBasic.FileIO;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>The timeline's CSV: RFC 4180 quoting that a standard parser reads back, and no cell a spreadsheet runs as a formula.</summary>
[Trait("Category", "Interop")]
public sealed class TimelineCsvTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 14, 5, 6, 789, TimeSpan.FromHours(1));

    [Theory]
    [InlineData("=HYPERLINK(\"http://127.0.0.1/x\",\"click\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\r=1")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote_and_reads_back_whole(string hostile)
    {
        var rows = Parse(TimelineCsv.Write([new TimelineEntry(1, At, "opened", hostile, [])]));

        Assert.Equal("'" + hostile, rows[1][3]);
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_in_actor_and_data_round_trip_through_a_standard_parser()
    {
        var entries = new[]
        {
            new TimelineEntry(1, At, "opened", "op, \"the\" one", new() { ["level"] = "internal" }),
            new TimelineEntry(2, At.AddMinutes(1), "resolved", "supervisor", new() { ["outcome"] = "found", ["note"] = "said \"hi\",\nthen left" }),
        };

        var rows = Parse(TimelineCsv.Write(entries));

        Assert.Equal(["seq", "at", "kind", "actor", "data"], rows[0]);
        Assert.Equal(["1", "2026-12-02T13:05:06.789Z", "opened", "op, \"the\" one", "level=internal"], rows[1]);
        Assert.Equal(["2", "2026-12-02T13:06:06.789Z", "resolved", "supervisor", "outcome=found; note=said \"hi\",\nthen left"], rows[2]);
        Assert.Equal(3, rows.Count);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"x\"", "\"say \"\"x\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("", "")]
    public void A_cell_is_quoted_only_when_it_must_be_and_its_quotes_are_doubled(string value, string expected) =>
        Assert.Equal(expected, TimelineCsv.Cell(value));

    /// <summary>Reads CSV with .NET's own RFC 4180 parser, not ours.</summary>
    internal static List<string[]> Parse(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }
}
