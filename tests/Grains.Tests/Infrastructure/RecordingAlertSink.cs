using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;
using Xunit;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A gateway sink that records every batch and lets a test await one. A case's push awaits the
/// regions, which await the dispatcher, which awaits this sink: once a grain call that pushes has
/// returned, every batch it caused is already here, so "nothing arrived" is checked right after it.
/// </summary>
public sealed class RecordingAlertSink : IAlertSink
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<AlertBatch> _batches = [];
    private readonly List<Waiter> _waiters = [];
    private readonly List<ControlRoomEvent> _events = [];

    private Task Record(ControlRoomEvent controlRoomEvent)
    {
        lock (_gate)
        {
            _events.Add(controlRoomEvent);
        }

        return Task.CompletedTask;
    }

    public Task Deliver(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            _batches.Add(batch);
            foreach (var waiter in _waiters.Where(w => w.Matches(batch)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(batch);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Control-room events received so far, in arrival order.</summary>
    public IReadOnlyList<ControlRoomEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public Task ControlRoom(ControlRoomEvent[] events) => ControlRoomEvent.SendEachTo(this, events);

    public Task CaseChanged(CaseSnapshot snapshot) => Record(new ControlRoomEvent(CaseChanged: snapshot));

    public Task CaseChanged(CaseSnapshot snapshot, CaseChange change) => Record(new ControlRoomEvent(CaseChanged: snapshot, Change: change));

    public Task SightingReported(SightingRecord sighting) => Record(new ControlRoomEvent(SightingReported: sighting));

    public Task StatsChanged(DispatchStats stats) => Record(new ControlRoomEvent(Stats: stats));

    public Task FieldTeamMoved(FieldTeamPosition position) => Record(new ControlRoomEvent(FieldTeamMoved: position));

    public Task FieldTeamLeft(string subscriberId) => Record(new ControlRoomEvent(FieldTeamLeft: subscriberId));

    /// <summary>The batches received so far for <paramref name="caseId"/>, in arrival order.</summary>
    public IReadOnlyList<AlertBatch> BatchesFor(string caseId)
    {
        lock (_gate)
        {
            return [.. _batches.Where(b => b.CaseId == caseId)];
        }
    }

    /// <summary>Every alert <paramref name="subscriberId"/> received for <paramref name="caseId"/>, in arrival order.</summary>
    public IReadOnlyList<(long Version, AlertRecipient Recipient)> AlertsFor(string caseId, string subscriberId) =>
        [.. BatchesFor(caseId).SelectMany(b => b.Recipients.Where(r => r.SubscriberId == subscriberId).Select(r => (b.Version, r)))];

    /// <summary>The kinds <paramref name="subscriberId"/> received for <paramref name="caseId"/>, in arrival order.</summary>
    public IReadOnlyList<AlertKind> KindsFor(string caseId, string subscriberId) =>
        [.. AlertsFor(caseId, subscriberId).Select(a => a.Recipient.Kind)];

    /// <summary>The first batch for <paramref name="caseId"/> that matches, already received or yet to come; fails after 10 s.</summary>
    public async Task<AlertBatch> WaitForBatch(string caseId, Func<AlertBatch, bool> predicate, string because)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        Waiter waiter;
        lock (_gate)
        {
            if (_batches.Find(b => b.CaseId == caseId && predicate(b)) is { } known)
            {
                return known;
            }

            waiter = new Waiter(b => b.CaseId == caseId && predicate(b));
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            var seen = string.Join("; ", BatchesFor(caseId).Select(b =>
                $"v{b.Version}: " + string.Join(", ", b.Recipients.Select(r => $"{r.SubscriberId}={r.Kind}"))));
            Assert.Fail($"No batch for case {caseId} within {Timeout.TotalSeconds} s where {because}. Batches seen: [{seen}]");
            throw;
        }
    }

    /// <summary>Waits for <paramref name="subscriberId"/>'s alert of <paramref name="kind"/> for the case, at <paramref name="version"/> if given.</summary>
    public async Task<AlertRecipient> WaitForAlert(string caseId, string subscriberId, AlertKind kind, long? version = null)
    {
        var batch = await WaitForBatch(
            caseId,
            b => (version is null || b.Version == version) && b.Recipients.Any(r => r.SubscriberId == subscriberId && r.Kind == kind),
            $"{subscriberId} gets {kind}" + (version is null ? string.Empty : $" at v{version}"));
        return batch.Recipients.First(r => r.SubscriberId == subscriberId && r.Kind == kind);
    }

    private sealed record Waiter(Func<AlertBatch, bool> Matches)
    {
        public TaskCompletionSource<AlertBatch> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
