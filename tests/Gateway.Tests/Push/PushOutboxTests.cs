using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>The outbox's order and what it drops: a fresh case is not stuck behind another's updates, and nothing stale goes out.</summary>
[Trait("Category", "Push")]
public sealed class PushOutboxTests
{
    private static readonly ChildProfile Child = new("Ana", 9, "f", "red jacket", null);

    [Fact]
    public async Task New_alerts_are_taken_before_updates_queued_earlier()
    {
        var outbox = Outbox();
        await outbox.Enqueue(Batch("c-busy", 2, AlertKind.Update, recipients: 3));
        await outbox.Enqueue(Batch("c-fresh", 1, AlertKind.New, recipients: 1));

        var first = await outbox.Take(CancellationToken.None);

        Assert.Equal(("c-fresh", AlertKind.New), (first.Content.CaseId, first.Content.Kind));
        Assert.Equal(3, outbox.Count);
    }

    [Fact]
    public async Task A_queued_update_is_dropped_once_a_newer_version_of_its_case_is_queued()
    {
        var outbox = Outbox();
        await outbox.Enqueue(Batch("c-1", 2, AlertKind.Update, recipients: 2));
        await outbox.Enqueue(Batch("c-1", 3, AlertKind.Update, recipients: 2));

        var taken = new[] { await outbox.Take(CancellationToken.None), await outbox.Take(CancellationToken.None) };

        Assert.All(taken, job => Assert.Equal(3, job.Content.Version));
        Assert.Equal(2, outbox.Superseded);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task Once_a_case_is_cancelled_only_its_cancel_goes_out_never_a_queued_new_with_the_name()
    {
        var outbox = Outbox();
        await outbox.Enqueue(Batch("c-2", 1, AlertKind.New, recipients: 1));
        await outbox.Enqueue(Batch("c-2", 2, AlertKind.Update, recipients: 1));
        await outbox.Enqueue(Batch("c-2", 3, AlertKind.Cancel, recipients: 1));

        await outbox.Enqueue(Batch("c-other", 5, AlertKind.Update, recipients: 1));

        var cancel = await outbox.Take(CancellationToken.None);
        var next = await outbox.Take(CancellationToken.None);

        Assert.Equal(AlertKind.Cancel, cancel.Content.Kind);
        Assert.DoesNotContain("Ana", System.Text.Encoding.UTF8.GetString(cancel.Content.Body), StringComparison.Ordinal);
        Assert.Equal("c-other", next.Content.CaseId); // the cancelled case's new and update were passed over
        Assert.Equal(0, outbox.Count);
        Assert.Equal(2, outbox.Superseded);
    }

    [Fact]
    public async Task Only_recipients_with_a_push_subscription_are_queued_sharing_one_payload_per_language()
    {
        var outbox = Outbox();
        var batch = Batch("c-3", 1, AlertKind.New, recipients: 4) with
        {
            Recipients = [Recipient("a", "mk", push: true), Recipient("b", "mk", push: true), Recipient("c", "en", push: true), Recipient("d", "mk", push: false)],
        };

        Assert.Equal((3, 0), await outbox.Enqueue(batch));
        var jobs = new[] { await outbox.Take(CancellationToken.None), await outbox.Take(CancellationToken.None), await outbox.Take(CancellationToken.None) };

        Assert.Equal(["a", "b", "c"], jobs.Select(j => j.SubscriberId));
        Assert.Same(jobs[0].Content, jobs[1].Content);
        Assert.NotSame(jobs[0].Content, jobs[2].Content);
    }

    [Fact]
    public async Task A_batch_that_finds_its_lane_full_waits_a_while_then_drops_the_rest()
    {
        var outbox = new PushOutbox(
            Options.Create(new PushOptions { QueueCapacity = 2, EnqueueWait = TimeSpan.FromMilliseconds(300) }), TimeProvider.System);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (queued, dropped) = await outbox.Enqueue(Batch("c-4", 1, AlertKind.New, recipients: 5));

        Assert.Equal((2, 3), (queued, dropped));
        Assert.Equal(2, outbox.Count);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(10));
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task An_exercise_push_says_exercise_and_carries_the_mark_in_the_recipients_language_a_real_one_neither()
    {
        var outbox = Outbox();
        await outbox.Enqueue(Batch("c-drill", 1, AlertKind.New, recipients: 0) with
        {
            Recipients = [Recipient("a", "sq", push: true)],
            Exercise = true,
        });
        await outbox.Enqueue(Batch("c-real", 1, AlertKind.New, recipients: 0) with { Recipients = [Recipient("b", "sq", push: true)] });

        var jobs = new[] { await outbox.Take(CancellationToken.None), await outbox.Take(CancellationToken.None) };
        var drill = System.Text.Json.JsonDocument.Parse(Assert.Single(jobs, j => j.Content.CaseId == "c-drill").Content.Body).RootElement;
        var real = System.Text.Json.JsonDocument.Parse(Assert.Single(jobs, j => j.Content.CaseId == "c-real").Content.Body).RootElement;

        Assert.True(drill.GetProperty("exercise").GetBoolean());
        Assert.StartsWith("USHTRIM", drill.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("USHTRIM", drill.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(real.TryGetProperty("exercise", out _));
        Assert.DoesNotContain("USHTRIM", real.GetProperty("headline").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task A_push_body_is_the_short_form_in_the_recipients_language_naming_the_town_nearest_the_zone()
    {
        var outbox = Outbox();
        var nearOhrid = new AnchorCircle(41.12, 20.80, DateTimeOffset.UtcNow, 2);
        var longName = string.Join(' ', Enumerable.Repeat("Ždrebčeva-Šaćirovska", 8));
        await outbox.Enqueue(Batch("c-rom", 1, AlertKind.New, recipients: 0) with { Anchors = [nearOhrid], Recipients = [Recipient("a", "rom", push: true)] });
        await outbox.Enqueue(Batch("c-long", 1, AlertKind.New, recipients: 0) with
        {
            Child = Child with { Name = longName },
            Anchors = [nearOhrid],
            Recipients = [Recipient("b", "mk", push: true)],
        });

        var jobs = new[] { await outbox.Take(CancellationToken.None), await outbox.Take(CancellationToken.None) };
        var romani = System.Text.Json.JsonDocument.Parse(Assert.Single(jobs, j => j.Content.CaseId == "c-rom").Content.Body).RootElement.GetProperty("text").GetString()!;
        var cut = System.Text.Json.JsonDocument.Parse(Assert.Single(jobs, j => j.Content.CaseId == "c-long").Content.Body).RootElement.GetProperty("text").GetString()!;

        Assert.Equal("Našardo čhavo: Ana (9), palutno dikhlo paše Ohrid. Dikhljen le? Akharen 192.", romani);
        Assert.InRange(DisplayText.Length(cut), 1, AlertForms.ShortMaxLength);
        Assert.StartsWith("Исчезнато дете: Ždrebčeva-Šaćirovska", cut, StringComparison.Ordinal);
        Assert.EndsWith("Ždrebčeva-Šaćirovska… Го видовте? Јавете се на 192.", cut, StringComparison.Ordinal);
    }

    private static PushOutbox Outbox() => new(Options.Create(new PushOptions()), TimeProvider.System);

    private static AlertBatch Batch(string caseId, long version, AlertKind kind, int recipients) => new(
        caseId, version, CaseLevel.Public, DateTimeOffset.UtcNow, kind == AlertKind.Cancel ? null : Child, [],
        [.. Enumerable.Range(0, recipients).Select(i => new AlertRecipient($"s-{caseId}-{i}", kind, "en", 0.5, Push: true))]);

    private static AlertRecipient Recipient(string id, string language, bool push) => new(id, AlertKind.New, language, 0.5, push);
}
