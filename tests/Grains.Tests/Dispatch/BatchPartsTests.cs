using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

[Collection(SmallBatchSilo.Name)]
public sealed class BatchPartsTests(SmallBatchCluster fixture)
{
    [Fact]
    public async Task A_tile_with_more_recipients_than_a_batch_holds_sends_each_once_in_parts_and_every_part_is_confirmed()
    {
        var lastSeen = NorthMacedonia.Radovis;
        // Radovis sits 200 m south of its tile's northern edge: five points 200 m east to west through south stay in its tile.
        var (ids, _) = await fixture.FieldTeamsInOneTile(lastSeen, 0.2, 90, 135, 180, 225, 270);

        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        foreach (var id in ids)
        {
            await fixture.Sink.WaitForAlert(caseId, id, AlertKind.New, version: 1);
        }

        var parts = fixture.Sink.BatchesFor(caseId).Where(b => b.Version == 1).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, part => Assert.InRange(part.Recipients.Length, 1, SmallBatchCluster.MaxRecipients));
        Assert.Equal(ids.Order(), parts.SelectMany(p => p.Recipients).Select(r => r.SubscriberId).Order());

        // A part no sink confirmed would leave its recipients unconfirmed, and the next version would tell them new again.
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();
        foreach (var id in ids)
        {
            await fixture.Sink.WaitForAlert(caseId, id, AlertKind.Update, version: 2);
            Assert.Equal([AlertKind.New, AlertKind.Update], fixture.Sink.KindsFor(caseId, id));
        }
    }

    [Fact]
    public async Task A_versions_confirmations_are_stored_once_after_its_last_part_not_once_per_part()
    {
        var lastSeen = NorthMacedonia.Bitola;
        var (ids, tile) = await fixture.FieldTeamsInOneTile(lastSeen, 0.05, 0, 72, 144, 216, 288);

        var tileId = fixture.Client.GetGrain<IRegionGrain>(tile.ToGrainKey()).GetGrainId();
        string? caseId = null;

        // How many of the case's recipients each write of the tile still lists as unconfirmed.
        var unconfirmedWritten = new List<int>();
        var counting = fixture.Faults.FailWrites((_, grain, state) =>
        {
            if (grain == tileId && state is RegionState region && caseId is not null)
            {
                lock (unconfirmedWritten)
                {
                    unconfirmedWritten.Add(region.Unconfirmed.GetValueOrDefault(caseId)?.Count ?? 0);
                }
            }

            return false;
        });
        var registry = fixture.Client.GetGrain<ISinkRegistryGrain>(0);
        var held = new HeldSink(holdFrom: 3);
        var heldReference = fixture.Client.CreateObjectReference<IAlertSink>(held);
        await registry.Unregister(fixture.SinkReference);
        await registry.Register(heldReference);
        try
        {
            caseId = Given.CaseId();
            await fixture.Client.GetGrain<ICaseGrain>(caseId).Open(Given.Opening(lastSeen, fixture.Clock.GetUtcNow(), CaseLevel.Internal));

            // The first two parts are taken at once, the third waits: nothing is stored for the two.
            var parts = await held.WaitForParts(caseId, 3);
            await Task.Delay(300);
            lock (unconfirmedWritten)
            {
                Assert.Equal([ids.Count], unconfirmedWritten.Distinct());
            }

            parts[2].Release();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                lock (unconfirmedWritten)
                {
                    if (unconfirmedWritten[^1] == 0)
                    {
                        break;
                    }
                }

                await Task.Delay(10);
            }

            await Task.Delay(300);
            lock (unconfirmedWritten)
            {
                // Listed in full with the ledger, then one write with none left: no write in between.
                Assert.Equal(ids.Count, unconfirmedWritten[0]);
                Assert.Equal([ids.Count, 0], unconfirmedWritten.Distinct());
                Assert.Equal(1, unconfirmedWritten.Count(n => n == 0));
            }
        }
        finally
        {
            held.ReleaseAll();
            fixture.Faults.Clear(counting);
            await registry.Unregister(heldReference);
            await registry.Register(fixture.SinkReference);
            fixture.Client.DeleteObjectReference<IAlertSink>(heldReference);
        }
    }

    [Fact]
    public void A_batch_is_split_in_order_into_parts_of_at_most_the_limit_each_with_the_case_fields()
    {
        var batch = new AlertBatch(
            Given.CaseId(), 3, CaseLevel.Public, ClusterFixture.Start, Given.Child, [],
            [.. Enumerable.Range(0, 10).Select(i => new AlertRecipient($"s-{i}", AlertKind.New, "mk", i))], Exercise: true);

        var parts = batch.Split(4);

        Assert.Equal([4, 4, 2], parts.Select(p => p.Recipients.Length));
        Assert.Equal(batch.Recipients, parts.SelectMany(p => p.Recipients));
        Assert.All(parts, p => Assert.Equal(batch with { Recipients = p.Recipients }, p));
        Assert.Same(batch, Assert.Single(batch.Split(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Split(0));
    }

    /// <summary>
    /// A gateway stand-in that takes a case's first batches at once and, from its
    /// <paramref name="holdFrom"/>th on, only when the test lets each go. (A client's observer
    /// takes one call at a time: holding the first would hold every later one too.)
    /// </summary>
    private sealed class HeldSink(int holdFrom) : IAlertSink
    {
        private readonly Lock _gate = new();
        private readonly List<HeldBatch> _held = [];

        public Task Deliver(AlertBatch batch)
        {
            var held = new HeldBatch(batch);
            lock (_gate)
            {
                _held.Add(held);
                if (_held.Count(h => h.Batch.CaseId == batch.CaseId) < holdFrom)
                {
                    held.Release();
                }
            }

            return held.Taken.Task;
        }

        public async Task<HeldBatch[]> WaitForParts(string caseId, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                lock (_gate)
                {
                    HeldBatch[] parts = [.. _held.Where(h => h.Batch.CaseId == caseId)];
                    if (parts.Length >= count)
                    {
                        Assert.Equal(count, parts.Length);
                        return parts;
                    }
                }

                Assert.True(DateTime.UtcNow < deadline, $"{count} parts of {caseId} did not reach the sink within 10 s");
                await Task.Delay(10);
            }
        }

        public void ReleaseAll()
        {
            lock (_gate)
            {
                _held.ForEach(h => h.Release());
            }
        }

        public Task ControlRoom(ControlRoomEvent[] events) => Task.CompletedTask;

        public Task CaseChanged(CaseSnapshot snapshot) => Task.CompletedTask;

        public Task CaseChanged(CaseSnapshot snapshot, CaseChange change) => Task.CompletedTask;

        public Task SightingReported(SightingRecord sighting) => Task.CompletedTask;

        public Task StatsChanged(DispatchStats stats) => Task.CompletedTask;

        public Task FieldTeamMoved(FieldTeamPosition position) => Task.CompletedTask;

        public Task FieldTeamLeft(string subscriberId) => Task.CompletedTask;
    }

    private sealed class HeldBatch(AlertBatch batch)
    {
        public AlertBatch Batch { get; } = batch;

        public TaskCompletionSource Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Taken.TrySetResult();
    }
}
