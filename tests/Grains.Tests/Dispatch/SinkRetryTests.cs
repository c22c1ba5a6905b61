using System.Diagnostics;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

/// <summary>A sink that hangs (a crashed gateway) or fails costs a bounded delay, and a batch nobody takes is kept until one does.</summary>
[Collection(SharedCluster.Name)]
public sealed class SinkRetryTests(ClusterFixture fixture)
{
    private GatewaySinks Dispatcher => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<GatewaySinks>();

    private TimeSpan DeliveryTimeout =>
        fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<IOptions<SinkRegistryOptions>>().Value.DeliveryTimeout;

    [Fact]
    public async Task A_sink_that_never_answers_costs_one_delivery_timeout_and_leaves_the_registry()
    {
        var registry = fixture.Client.GetGrain<ISinkRegistryGrain>(0);
        var silent = new SilentAlertSink();
        var reference = fixture.Client.CreateObjectReference<IAlertSink>(silent);
        await registry.Register(reference);
        try
        {
            var caseId = Given.CaseId();
            var elapsed = Stopwatch.StartNew();
            // Round robin over two sinks: of any two batches in a row, one is offered to the silent sink first.
            for (var version = 1; version <= 4; version++)
            {
                await Dispatcher.Dispatch(Batch(caseId, version));
            }

            elapsed.Stop();
            Assert.Equal([1L, 2L, 3L, 4L], fixture.Sink.BatchesFor(caseId).Select(b => b.Version));
            Assert.Equal(1, silent.Calls);
            // One timeout, not Orleans' 30 s response timeout per batch.
            Assert.True(elapsed.Elapsed < DeliveryTimeout * 2, $"4 batches took {elapsed.Elapsed}");
            Assert.DoesNotContain(reference, await registry.GetSinks());
            Assert.Contains(fixture.SinkReference, await registry.GetSinks());
        }
        finally
        {
            await registry.Unregister(reference);
            fixture.Client.DeleteObjectReference<IAlertSink>(reference);
        }
    }

    [Fact]
    public Task A_batch_no_sink_takes_is_kept_without_holding_the_caller_and_delivered_once_a_sink_registers() =>
        WithOnlyAFailingSink(async (registry, failing) =>
        {
            var caseId = Given.CaseId();
            var subscriberId = Given.SubscriberId();

            await Dispatcher.Dispatch(Batch(caseId, 1, subscriberId)).WaitAsync(DeliveryTimeout);

            Assert.Empty(fixture.Sink.BatchesFor(caseId));
            Assert.True(failing.Calls >= 1, "The only sink was never tried.");
            Assert.Equal(1, Dispatcher.PendingBatches);

            // A gateway comes back: the kept batch reaches it on a retry, once.
            await registry.Register(fixture.SinkReference);
            await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);
            Assert.Single(fixture.Sink.BatchesFor(caseId));
            await NothingKept();
        });

    [Fact]
    public Task A_kept_batch_never_reaches_a_subscriber_after_a_later_version_of_its_case() =>
        WithOnlyAFailingSink(async (registry, _) =>
        {
            var caseId = Given.CaseId();
            var (resolvedBefore, stillOwed) = (Given.SubscriberId(), Given.SubscriberId());
            var first = Batch(caseId, 1, resolvedBefore) with
            {
                Recipients = [new AlertRecipient(resolvedBefore, AlertKind.New, "mk", 0), new AlertRecipient(stillOwed, AlertKind.New, "mk", 0)],
            };
            await Dispatcher.Dispatch(first);
            // The case's cancel for one of them, while no gateway takes anything either.
            await Dispatcher.Dispatch(new AlertBatch(
                caseId, 2, CaseLevel.Internal, fixture.Clock.GetUtcNow(), null, [], [new AlertRecipient(resolvedBefore, AlertKind.Cancel, "mk", 0)]));
            Assert.Equal(2, Dispatcher.PendingBatches);

            await registry.Register(fixture.SinkReference);
            await fixture.Sink.WaitForAlert(caseId, resolvedBefore, AlertKind.Cancel, version: 2);

            Assert.Equal([AlertKind.Cancel], fixture.Sink.KindsFor(caseId, resolvedBefore));
            Assert.Equal([AlertKind.New], fixture.Sink.KindsFor(caseId, stillOwed));
            await NothingKept();
            Assert.Equal([1L, 2L], fixture.Sink.BatchesFor(caseId).Select(b => b.Version));
        });

    [Fact]
    public async Task A_registry_that_does_not_answer_leaves_delivery_to_the_sinks_known_before()
    {
        var caseId = Given.CaseId();
        var subscriberId = Given.SubscriberId();
        await Dispatcher.Dispatch(Batch(caseId, 1));
        fixture.Hang.Hold(typeof(ISinkRegistryGrain), nameof(ISinkRegistryGrain.GetSinks));
        try
        {
            // The tests' cache lasts no time at all: this batch asks the hung registry first.
            var elapsed = Stopwatch.StartNew();
            Assert.True(await Dispatcher.Dispatch(Batch(caseId, 2, subscriberId)));
            elapsed.Stop();

            await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 2);
            Assert.True(elapsed.Elapsed < DeliveryTimeout, $"the batch waited {elapsed.Elapsed} for the registry");
        }
        finally
        {
            fixture.Hang.Release();
        }
    }

    /// <summary>Runs <paramref name="test"/> with one sink registered, which fails every batch; the tests' sink is back after.</summary>
    private async Task WithOnlyAFailingSink(Func<ISinkRegistryGrain, SilentAlertSink, Task> test)
    {
        var registry = fixture.Client.GetGrain<ISinkRegistryGrain>(0);
        var failing = new SilentAlertSink(fail: true);
        var reference = fixture.Client.CreateObjectReference<IAlertSink>(failing);
        await registry.Unregister(fixture.SinkReference);
        await registry.Register(reference);
        try
        {
            await test(registry, failing);
        }
        finally
        {
            await registry.Unregister(reference);
            await registry.Register(fixture.SinkReference);
            fixture.Client.DeleteObjectReference<IAlertSink>(reference);
        }
    }

    /// <summary>A kept batch leaves the list once its sink has answered, just after the sink recorded it.</summary>
    private async Task NothingKept()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Dispatcher.PendingBatches > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, Dispatcher.PendingBatches);
    }

    private AlertBatch Batch(string caseId, long version, string? subscriberId = null) => new(
        caseId, version, CaseLevel.Internal, fixture.Clock.GetUtcNow(), Given.Child, [],
        [new AlertRecipient(subscriberId ?? Given.SubscriberId(), AlertKind.New, "mk", 0)]);

    /// <summary>A crashed gateway: its observer calls never answer (or, <c>fail</c>, fail at once).</summary>
    private sealed class SilentAlertSink(bool fail = false) : IAlertSink
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task Deliver(AlertBatch batch)
        {
            Interlocked.Increment(ref _calls);
            return fail ? Task.FromException(new InvalidOperationException("This gateway is down.")) : new TaskCompletionSource().Task;
        }

        public Task ControlRoom(ControlRoomEvent[] events) => Down();

        public Task CaseChanged(CaseSnapshot snapshot) => Down();

        public Task CaseChanged(CaseSnapshot snapshot, CaseChange change) => Down();

        public Task SightingReported(SightingRecord sighting) => Down();

        public Task StatsChanged(DispatchStats stats) => Down();

        public Task FieldTeamMoved(FieldTeamPosition position) => Down();

        public Task FieldTeamLeft(string subscriberId) => Down();

        private static Task Down() => new TaskCompletionSource().Task;
    }
}
