using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

/// <summary>
/// The case's tally: tiles and gateways count there, never in the case. Each test opens its case
/// on the Kosovo border north of Skopje, away from every other test's subscribers, so its counts are its own.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class CaseTallyTests(ClusterFixture fixture)
{
    // Methods a grain may call on a case: reads a tile makes before alerting a newcomer, and the
    // cancel list. No count, no acknowledgement.
    private static readonly string[] CallsIntoTheCase =
        [nameof(ICaseGrain.IsAlerting), nameof(ICaseGrain.AlertingChild), nameof(ICaseGrain.RegionJoined), nameof(ICaseGrain.TrackRegion)];

    [Fact]
    public async Task A_batch_delivered_twice_and_pushed_through_two_gateways_counts_each_subscriber_once()
    {
        var here = new GeoPoint(42.25, 21.05);
        var (first, _) = await fixture.Subscriber(SubscriberKind.Public, here);
        var (second, _) = await fixture.Subscriber(SubscriberKind.Public, here.Offset(90, 0.2));
        var (caseId, grain) = await fixture.OpenCase(here, CaseLevel.Public);
        await fixture.Sink.WaitForAlert(caseId, first, AlertKind.New, version: 1);
        await fixture.Sink.WaitForAlert(caseId, second, AlertKind.New, version: 1);
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);

        // Two gateways each hold a connection of both, and the batch came to each twice (a retried
        // batch); both gateways' push workers had it accepted, twice.
        string[] reached = [first, second];
        for (var gateway = 0; gateway < 2; gateway++)
        {
            await tally.RecordDelivery(1, reached, reached.Length, 40);
            await tally.RecordDelivery(1, reached, reached.Length, 40);
            await tally.RecordPushed(reached);
            await tally.RecordPushed(reached);
        }

        var stats = (await grain.GetCase())!.Stats;
        Assert.Equal((2L, 2L, 2L), (stats.Alerted, stats.Delivered, stats.Pushed));
        Assert.InRange(stats.P50Ms, 38, 42);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task An_acknowledgement_of_an_unknown_case_or_a_version_the_case_never_had_is_refused_and_counted_once()
    {
        var (caseId, grain) = await fixture.OpenCase(new GeoPoint(42.25, 21.25), CaseLevel.Internal);
        var version = (await grain.GetCase())!.Version;
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        var unknown = fixture.Client.GetGrain<ICaseTallyGrain>(Given.CaseId());

        Assert.Equal(CaseRefusal.NotFound, await unknown.RecordAcknowledgement("field-1", 1));
        Assert.Equal(CaseRefusal.UnknownVersion, await tally.RecordAcknowledgement("field-1", 0));
        Assert.Equal(CaseRefusal.UnknownVersion, await tally.RecordAcknowledgement("field-1", -1));
        Assert.Equal(CaseRefusal.UnknownVersion, await tally.RecordAcknowledgement("field-1", version + 1));
        Assert.Equal(0, (await grain.GetCase())!.Stats.Acknowledged);

        Assert.Equal(CaseRefusal.None, await tally.RecordAcknowledgement("field-1", version));
        Assert.Equal(CaseRefusal.None, await tally.RecordAcknowledgement("field-1", version));
        Assert.Equal(CaseRefusal.None, await tally.RecordAcknowledgement("field-2", version));
        Assert.Equal(2, (await grain.GetCase())!.Stats.Acknowledged);
    }

    [Fact]
    public async Task The_figures_history_stamps_each_move_on_the_domain_clock_and_a_case_replay_carries_it()
    {
        var (caseId, grain) = await fixture.OpenCase(new GeoPoint(42.25, 21.30), CaseLevel.Internal);
        var version = (await grain.GetCase())!.Version;
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        var alertedAt = fixture.Clock.GetUtcNow();

        await tally.RecordAlerted(version, ["history-1", "history-2"]);
        await tally.RecordDelivery(version, ["history-1"], sent: 1, latencyMs: 12);
        await tally.RecordPushed(["history-2"]);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await tally.RecordAcknowledgement("history-1", version);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await tally.RecordDelivery(version, [], sent: 3, latencyMs: 40); // updates: latencies move, no count does

        // The push came within a second of the sample before the newest: it replaced the newest.
        Assert.Equal(
            [new TallySample(alertedAt, 2, 0, 0, 0), new TallySample(alertedAt, 2, 1, 0, 1), new TallySample(alertedAt.AddSeconds(30), 2, 1, 1, 1)],
            await tally.GetHistory());
        Assert.Equal(await tally.GetHistory(), (await grain.GetReplay())!.Counts);
    }

    [Fact]
    public async Task Figures_survive_deactivation_of_the_tally_and_still_count_each_subscriber_once()
    {
        var (caseId, grain) = await fixture.OpenCase(new GeoPoint(42.25, 21.45), CaseLevel.Public);
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        await tally.RecordAlerted(1, ["a", "b", "c"]);
        await tally.RecordDelivery(1, ["a", "b"], 2, 25);
        await tally.RecordPushed(["c"]);
        await tally.RecordAcknowledgement("a", 1);
        var before = (await grain.GetCase())!.Stats;

        await fixture.Cluster.DeactivateAsync(tally);
        await tally.RecordAlerted(1, ["a"]);
        await tally.RecordDelivery(1, ["b"], 1, 25);
        await tally.RecordPushed(["c"]);
        await tally.RecordAcknowledgement("a", 1);
        var after = (await grain.GetCase())!.Stats;

        Assert.Equal(new CaseStats(3, 2, 1, before.P50Ms, before.P99Ms, 1), before);
        Assert.Equal((3L, 2L, 1L, 1L), (after.Alerted, after.Delivered, after.Acknowledged, after.Pushed));
        Assert.True(before.P50Ms > 0);
    }

    [Fact]
    public async Task An_acknowledgement_is_stored_with_the_counts_before_it_is_confirmed()
    {
        var (caseId, _) = await fixture.OpenCase(new GeoPoint(42.35, 21.45), CaseLevel.Public);
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        await tally.RecordDelivery(1, ["a"], 1, 25);

        Assert.Equal(CaseRefusal.None, await tally.RecordAcknowledgement("a", 1));

        var storage = fixture.Storage;
        var record = new GrainState<CaseTallyState>(new CaseTallyState());
        await storage.ReadStateAsync("case-tally", tally.GetGrainId(), record);
        Assert.Equal(["a"], record.State!.Acknowledged.Open);
        Assert.Equal(["a"], record.State.Delivered.Open);
    }

    [Fact]
    public async Task Whom_a_tile_alerted_is_stored_before_the_tile_hears_it_counted()
    {
        var (caseId, _) = await fixture.OpenCase(new GeoPoint(42.30, 21.55), CaseLevel.Public);
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);

        await tally.RecordAlerted(1, ["alerted-a", "alerted-b"]);

        // Read at once, well inside the write delay: a silo killed now would lose nothing.
        var record = new GrainState<CaseTallyState>(new CaseTallyState());
        await fixture.Storage.ReadStateAsync("case-tally", tally.GetGrainId(), record);
        Assert.Contains("alerted-a", record.State!.Alerted.Open);
        Assert.Contains("alerted-b", record.State.Alerted.Open);
    }

    [Fact]
    public async Task Figures_a_case_stored_before_its_tally_are_kept_and_an_acknowledgement_still_counts_once()
    {
        var (caseId, grain) = await fixture.OpenCase(new GeoPoint(42.25, 21.65), CaseLevel.Public);
        await fixture.Cluster.DeactivateAsync(grain);
        var storage = fixture.Storage;
        var record = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", grain.GetGrainId(), record);
        // As an older version stored it: the case counted, and kept its acknowledgements.
        record.State!.Alerted = 5;
        record.State.Delivered = 4;
        record.State.Pushed = 1;
        record.State.UnpagedAcknowledgements = ["field-1", "field-2"];
        await storage.WriteStateAsync("case", grain.GetGrainId(), record);

        var seeded = (await grain.GetCase())!.Stats;
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        await tally.RecordAcknowledgement("field-1", 1);
        await tally.RecordAcknowledgement("field-3", 1);
        await tally.RecordAlerted(1, ["field-4"]);
        // Activated again, the case offers its old figures again: taken once only.
        await fixture.Cluster.DeactivateAsync(grain);
        var after = (await grain.GetCase())!.Stats;

        Assert.Equal((5L, 4L, 2L, 1L), (seeded.Alerted, seeded.Delivered, seeded.Acknowledged, seeded.Pushed));
        Assert.Equal((6L, 4L, 3L, 1L), (after.Alerted, after.Delivered, after.Acknowledged, after.Pushed));
    }

    [Fact]
    public async Task Tiles_and_gateways_count_at_the_tally_and_never_call_the_case_for_it()
    {
        var here = new GeoPoint(42.25, 21.85);
        var (early, _) = await fixture.Subscriber(SubscriberKind.Public, here);
        var (caseId, grain) = await fixture.OpenCase(here, CaseLevel.Public);
        // A latecomer: its tile asks the case whether it still alerts, and counts at the tally.
        var (late, _) = await fixture.Subscriber(SubscriberKind.Public, here.Offset(0, 0.3));
        await fixture.Sink.WaitForAlert(caseId, early, AlertKind.New);
        await fixture.Sink.WaitForAlert(caseId, late, AlertKind.New);
        var tally = fixture.Client.GetGrain<ICaseTallyGrain>(caseId);
        await tally.RecordDelivery(1, [early, late], 2, 10);
        await tally.RecordAcknowledgement(early, 1);

        var stats = (await grain.GetCase())!.Stats;

        Assert.Equal((2L, 2L, 1L), (stats.Alerted, stats.Delivered, stats.Acknowledged));
        var fromGrains = fixture.CaseCalls.FromGrains(caseId);
        Assert.All(fromGrains, call => Assert.Contains(call.Method, CallsIntoTheCase));
        Assert.Contains(nameof(ICaseGrain.IsAlerting), fromGrains.Select(c => c.Method));
    }
}
