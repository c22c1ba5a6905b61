using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

/// <summary>Control-room events leave the silo in batches, in the order posted, one send at a time.</summary>
[Collection(SharedCluster.Name)]
public sealed class ControlRoomOutboxTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Events_posted_while_a_send_is_under_way_go_out_together_in_the_next_call_in_the_order_posted()
    {
        var outbox = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<ControlRoomOutbox>();
        var registry = fixture.Client.GetGrain<ISinkRegistryGrain>(0);
        var gated = new GatedSink();
        var reference = fixture.Client.CreateObjectReference<IAlertSink>(gated);
        await fixture.ControlRoomSent();
        await registry.Unregister(fixture.SinkReference);
        await registry.Register(reference);
        try
        {
            outbox.Post(Moved(0));
            await gated.FirstCallArrived.WaitAsync(TimeSpan.FromSeconds(10));
            for (var i = 1; i <= 100; i++)
            {
                outbox.Post(Moved(i));
            }

            gated.Release();
            await fixture.ControlRoomSent();

            var calls = gated.Calls.Select(c => c.Select(Marker).OfType<int>().ToList()).Where(c => c.Count > 0).ToList();
            Assert.Equal(Enumerable.Range(0, 101), calls.SelectMany(c => c));
            Assert.Equal([[0], Enumerable.Range(1, 100).ToList()], calls);
        }
        finally
        {
            await registry.Unregister(reference);
            await registry.Register(fixture.SinkReference);
            fixture.Client.DeleteObjectReference<IAlertSink>(reference);
        }
    }

    [Fact]
    public async Task A_send_that_fails_with_any_exception_drops_its_events_and_later_events_still_go_out()
    {
        var outbox = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<ControlRoomOutbox>();
        await fixture.ControlRoomSent();

        // Not a failure the send expects: a cancellation nothing asked for.
        fixture.CallFault.Arm(
            typeof(IAlertSink), nameof(IAlertSink.ControlRoom), ((GrainReference)fixture.SinkReference).GrainId.Key.ToString()!, new OperationCanceledException("Injected"));
        outbox.Post(Moved(1000));
        await fixture.ControlRoomSent();
        outbox.Post(Moved(1001));
        await fixture.ControlRoomSent();

        var marked = fixture.Sink.Events.Select(Marker).OfType<int>().ToList();
        Assert.Contains(1001, marked);
        Assert.DoesNotContain(1000, marked);
    }

    private static ControlRoomEvent Moved(int marker) =>
        new(FieldTeamMoved: new FieldTeamPosition($"outbox-test-{marker}", 41.99, 21.43, DateTimeOffset.UnixEpoch));

    private static int? Marker(ControlRoomEvent e) =>
        e.FieldTeamMoved?.SubscriberId is { } id && id.StartsWith("outbox-test-", StringComparison.Ordinal)
            ? int.Parse(id["outbox-test-".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>A gateway whose control-room call carrying the first marked event waits until the test releases it.</summary>
    private sealed class GatedSink : IAlertSink
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private readonly List<ControlRoomEvent[]> _calls = [];

        public Task FirstCallArrived => _arrived.Task;

        public List<ControlRoomEvent[]> Calls
        {
            get
            {
                lock (_gate)
                {
                    return [.. _calls];
                }
            }
        }

        public void Release() => _released.TrySetResult();

        public async Task ControlRoom(ControlRoomEvent[] events)
        {
            lock (_gate)
            {
                _calls.Add(events);
            }

            if (events.Any(e => Marker(e) == 0))
            {
                _arrived.TrySetResult();
                await _released.Task;
            }
        }

        public Task Deliver(AlertBatch batch) => Task.CompletedTask;

        public Task CaseChanged(CaseSnapshot snapshot) => Task.CompletedTask;

        public Task CaseChanged(CaseSnapshot snapshot, CaseChange change) => Task.CompletedTask;

        public Task SightingReported(SightingRecord sighting) => Task.CompletedTask;

        public Task StatsChanged(DispatchStats stats) => Task.CompletedTask;

        public Task FieldTeamMoved(FieldTeamPosition position) => Task.CompletedTask;

        public Task FieldTeamLeft(string subscriberId) => Task.CompletedTask;
    }
}
