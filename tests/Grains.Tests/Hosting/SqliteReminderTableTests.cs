using EarlyWarning.Grains.Hosting;
using Xunit;

namespace EarlyWarning.Grains.Tests.Hosting;

/// <summary>The embedded gateway's reminder table: what Orleans asks of one, and everything back after the file is opened again.</summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 12, 2, 4, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryDatabase _file = new();

    [Fact]
    public async Task A_reminder_is_read_back_by_grain_by_name_and_by_hash_range_after_reopening()
    {
        var grain = GrainId.Create("case", "c-reminder");
        var etag = await Open().UpsertRow(Entry(grain, "zone-wake-up", TimeSpan.FromMinutes(1)));
        Close();

        var table = Open();
        var row = await table.ReadRow(grain, "zone-wake-up");
        var hash = grain.GetUniformHashCode();

        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal(Start, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(1), row.Period);
        Assert.Single((await table.ReadRows(grain)).Reminders);
        Assert.Single((await table.ReadRows(hash - 1, hash)).Reminders);
        Assert.Empty((await table.ReadRows(hash, hash == uint.MaxValue ? 0 : hash + 1)).Reminders);
        Assert.Null(await table.ReadRow(grain, "another"));
    }

    [Fact]
    public async Task A_range_that_wraps_past_zero_reads_both_ends_of_the_ring()
    {
        var table = Open();
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("case", $"c-ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "zone-wake-up", TimeSpan.FromMinutes(1)));
        }

        var (begin, end) = (uint.MaxValue / 4 * 3, uint.MaxValue / 4);
        var expected = grains.Where(g => g.GetUniformHashCode() > begin || g.GetUniformHashCode() <= end).ToHashSet();

        var read = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).ToHashSet();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, read);
        Assert.Equal(grains.Count, (await table.ReadRows(0u, 0u)).Reminders.Count);
    }

    [Fact]
    public async Task An_upsert_replaces_the_row_with_a_new_etag_and_a_remove_needs_the_current_one()
    {
        var table = Open();
        var grain = GrainId.Create("case", "c-upsert");
        var first = await table.UpsertRow(Entry(grain, "zone-wake-up", TimeSpan.FromMinutes(1)));
        var second = await table.UpsertRow(Entry(grain, "zone-wake-up", TimeSpan.FromMinutes(2)));

        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(2), (await table.ReadRow(grain, "zone-wake-up"))!.Period);
        Assert.False(await table.RemoveRow(grain, "zone-wake-up", first!));
        Assert.NotNull(await table.ReadRow(grain, "zone-wake-up"));
        Assert.True(await table.RemoveRow(grain, "zone-wake-up", second!));
        Assert.Null(await table.ReadRow(grain, "zone-wake-up"));
        Close();

        Assert.Empty((await Open().ReadRows(grain)).Reminders);
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = Start, Period = period };

    private SqliteReminderTable Open() => new(_file.Open());

    private void Close() => _file.Close();

    public void Dispose() => _file.Dispose();
}
