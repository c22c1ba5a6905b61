using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

[Collection(SharedCluster.Name)]
public sealed class DispatchTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Region_hands_one_batch_for_all_its_matching_subscribers()
    {
        var lastSeen = NorthMacedonia.Radovis;
        // Radovis sits 200 m south of its tile's northern edge: these three stay in its tile.
        var (ids, _) = await fixture.FieldTeamsInOneTile(lastSeen, 0.2, 90, 180, 270);

        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);

        await fixture.Sink.WaitForAlert(caseId, ids[0], AlertKind.New);
        var batch = Assert.Single(fixture.Sink.BatchesFor(caseId), b => b.Recipients.Any(r => ids.Contains(r.SubscriberId)));
        Assert.Equal(ids.Order(), batch.Recipients.Select(r => r.SubscriberId).Where(ids.Contains).Order());
        Assert.All(batch.Recipients, r => Assert.Equal(AlertKind.New, r.Kind));
    }

    [Fact]
    public async Task Batch_carries_each_recipients_language_and_distance_to_the_zone()
    {
        var lastSeen = NorthMacedonia.Skopje;
        var (macedonianId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen.Offset(180, 0.5), language: "mk");
        var (albanianId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen.Offset(180, 2.5), language: "sq");
        var openedAt = fixture.Clock.GetUtcNow();

        var (caseId, _) = await fixture.OpenCase(lastSeen, CaseLevel.Public);

        var macedonian = await fixture.Sink.WaitForAlert(caseId, macedonianId, AlertKind.New);
        var albanian = await fixture.Sink.WaitForAlert(caseId, albanianId, AlertKind.New);
        Assert.Equal(("mk", 0.0), (macedonian.Language, macedonian.DistanceKm));
        Assert.Equal("sq", albanian.Language);
        Assert.Equal(1.5, albanian.DistanceKm, 6);
        Assert.All(fixture.Sink.BatchesFor(caseId), b =>
        {
            Assert.Equal(openedAt, b.IssuedAt);
            Assert.Equal(Given.Child, b.Child);
        });
    }

    [Fact]
    public async Task Sink_registry_lists_a_sink_until_it_is_unregistered()
    {
        var registry = fixture.Client.GetGrain<ISinkRegistryGrain>(0);
        var other = new RecordingAlertSink();
        var reference = fixture.Client.CreateObjectReference<IAlertSink>(other);
        try
        {
            await registry.Register(reference);
            Assert.Contains(reference, await registry.GetSinks());

            await registry.Unregister(reference);
            Assert.DoesNotContain(reference, await registry.GetSinks());
        }
        finally
        {
            await registry.Unregister(reference);
            fixture.Client.DeleteObjectReference<IAlertSink>(reference);
        }
    }

    [Fact]
    public async Task Batch_reaches_a_live_sink_when_another_registered_sink_fails()
    {
        var registry = fixture.Client.GetGrain<ISinkRegistryGrain>(0);
        var failing = new FailingAlertSink();
        var reference = fixture.Client.CreateObjectReference<IAlertSink>(failing);
        await registry.Register(reference);
        try
        {
            var caseId = Given.CaseId();
            var dispatcher = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<GatewaySinks>();
            // Round robin over two sinks: of any two batches in a row, one is offered to the failing sink first.
            for (var version = 1; version <= 4; version++)
            {
                await dispatcher.Dispatch(new AlertBatch(
                    caseId, version, CaseLevel.Internal, fixture.Clock.GetUtcNow(), Given.Child, [],
                    [new AlertRecipient(Given.SubscriberId(), AlertKind.New, "mk", 0)]));
            }

            Assert.Equal([1L, 2L, 3L, 4L], fixture.Sink.BatchesFor(caseId).Select(b => b.Version));
            Assert.True(failing.Calls > 0, "The failing sink was never tried, so the test proved nothing.");
        }
        finally
        {
            await registry.Unregister(reference);
            fixture.Client.DeleteObjectReference<IAlertSink>(reference);
        }
    }

    private sealed class FailingAlertSink : IAlertSink
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task Deliver(AlertBatch batch)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("This gateway is down.");
        }

        public Task ControlRoom(ControlRoomEvent[] events) => Down();

        public Task CaseChanged(CaseSnapshot snapshot) => Down();

        public Task CaseChanged(CaseSnapshot snapshot, CaseChange change) => Down();

        public Task SightingReported(SightingRecord sighting) => Down();

        public Task StatsChanged(DispatchStats stats) => Down();

        public Task FieldTeamMoved(FieldTeamPosition position) => Down();

        public Task FieldTeamLeft(string subscriberId) => Down();

        private static Task Down() => throw new InvalidOperationException("This gateway is down.");
    }
}
