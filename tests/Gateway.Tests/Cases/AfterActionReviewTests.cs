using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>After-action review: a case's timeline exported as CSV, and resolved cases found again by name and date.</summary>
[Trait("Category", "Interop")]
public sealed class AfterActionReviewTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const string HostileNote = "=HYPERLINK(\"http://127.0.0.1/x\",\"click\"), then \"quoted\"\nand a second line";

    [Fact]
    public async Task A_timeline_exported_as_csv_is_a_download_whose_hostile_note_reads_back_whole_and_no_cell_starts_a_formula()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Csvtest Hostile", 41.71, 22.11)).GetProperty("id").GetString()!;
        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found", note = HostileNote })).EnsureSuccessStatusCode();
        var json = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline?format=json"))!;

        var response = await supervisor.GetAsync($"/api/cases/{id}/timeline?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"case-{id}-timeline.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var rows = TimelineCsvTests.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["seq", "at", "kind", "actor", "data"], rows[0]);
        Assert.Equal(json.Select(e => (e.GetProperty("seq").GetInt64().ToString(), e.GetProperty("kind").GetString()!, e.GetProperty("actor").GetString()!)),
            rows.Skip(1).Select(r => (r[0], r[2], r[3])));
        var resolved = Assert.Single(rows, r => r[2] == "resolved");
        Assert.Equal($"outcome=found; note={HostileNote}", resolved[4]);
        Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), $"formula cell: {cell}"));
    }

    [Fact]
    public async Task The_timeline_without_a_format_is_json_as_before()
    {
        using var op = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(op, "Csvtest Default", 41.72, 22.12)).GetProperty("id").GetString()!;

        var response = await op.GetAsync($"/api/cases/{id}/timeline");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("opened", (await response.Content.ReadFromJsonAsync<JsonElement[]>())![0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("CSV")]
    [InlineData("")]
    public async Task An_unknown_timeline_format_is_a_400_naming_format(string format)
    {
        using var op = await factory.CreateClientAs("operator");
        var id = (await Requests.OpenCase(op, "Csvtest Format", 41.73, 22.13)).GetProperty("id").GetString()!;

        var response = await op.GetAsync($"/api/cases/{id}/timeline?format={format}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["format"], Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task A_field_team_may_not_export_a_timeline()
    {
        using var op = await factory.CreateClientAs("operator");
        using var field = await factory.CreateClientAs("field1");
        var id = (await Requests.OpenCase(op, "Csvtest Field", 41.74, 22.14)).GetProperty("id").GetString()!;

        var response = await field.GetAsync($"/api/cases/{id}/timeline?format=csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_resolved_case_is_found_by_part_of_the_name_in_any_case_and_by_the_day_it_was_opened()
    {
        using var op = await factory.CreateClientAs("operator");
        var opened = await Requests.OpenCase(op, "Zzsearch Jovanovska", 41.75, 22.15);
        var id = opened.GetProperty("id").GetString()!;
        var other = (await Requests.OpenCase(op, "Zzsearch Petrovska", 41.76, 22.16)).GetProperty("id").GetString()!;
        (await op.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        var day = DateOnly.FromDateTime(opened.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime);
        async Task<string[]> Ids(string query) =>
            [.. (await op.GetFromJsonAsync<JsonElement[]>($"/api/cases?{query}"))!.Select(c => c.GetProperty("id").GetString()!)];

        Assert.Equal([id], await Ids("status=resolved&q=JOVANOV"));
        Assert.Empty(await Ids("status=resolved&q=petrovska"));
        Assert.Contains(other, await Ids("q=zzsearch%20p"));
        Assert.Contains(id, await Ids($"status=resolved&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&q=zzsearch"));
        Assert.DoesNotContain(id, await Ids($"status=resolved&from={day.AddDays(1):yyyy-MM-dd}"));
        Assert.DoesNotContain(id, await Ids($"status=resolved&to={day.AddDays(-1):yyyy-MM-dd}"));
    }

    [Theory]
    [InlineData("from=02.12.2026", new[] { "from" })]
    [InlineData("to=2026-13-01", new[] { "to" })]
    [InlineData("from=yesterday&to=2026-12-01T10:00:00Z", new[] { "from", "to" })]
    [InlineData("from=2026-12-02&to=2026-12-01", new[] { "from" })]
    [InlineData("q=%20%20", new[] { "q" })]
    public async Task A_bad_search_is_a_400_naming_the_field(string query, string[] fields)
    {
        using var op = await factory.CreateClientAs("operator");

        var response = await op.GetAsync($"/api/cases?status=resolved&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields.Order(), Requests.ErrorFields(await Requests.Problem(response)).Order());
    }
}
