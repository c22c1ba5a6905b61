using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Benchmarks.Dispatch;

/// <summary>
/// The gateway stand-in for benchmarks: takes each batch in memory, remembers per case who got a
/// <c>new</c>, and completes a waiter once one case version has reached its expected recipients.
/// </summary>
public sealed class CountingAlertSink : IAlertSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _newByCase = [];
    private readonly Dictionary<string, int> _repeatedNewByCase = [];

    private TaskCompletionSource? _newWaiter;
    private string? _newCaseId;
    private int _expectedNew;

    private TaskCompletionSource<int>? _versionWaiter;
    private string? _versionCaseId;
    private long _version;
    private int _expectedRecipients;
    private int _receivedRecipients;

    /// <summary>The subscribers that had a <c>new</c> for the case, and how many <c>new</c> alerts repeated one.</summary>
    public (IReadOnlySet<string> Alerted, int Repeated) NewAlerts(string caseId)
    {
        lock (_gate)
        {
            var alerted = _newByCase.TryGetValue(caseId, out var set) ? new HashSet<string>(set) : [];
            return (alerted, _repeatedNewByCase.GetValueOrDefault(caseId));
        }
    }

    /// <summary>Completes when <paramref name="distinct"/> subscribers have had their <c>new</c> for the case.</summary>
    public Task WaitForNewAlerts(string caseId, int distinct)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_newByCase.TryGetValue(caseId, out var set) && set.Count >= distinct)
            {
                return Task.CompletedTask;
            }

            (_newWaiter, _newCaseId, _expectedNew) = (waiter, caseId, distinct);
        }

        return waiter.Task;
    }

    /// <summary>
    /// Arms the waiter for one case version. Call it before the action that pushes the version: the
    /// batches may arrive before that call returns. Completes with the recipients summed over batches.
    /// </summary>
    public Task<int> WaitForVersion(string caseId, long version, int recipients)
    {
        var waiter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            (_versionWaiter, _versionCaseId, _version, _expectedRecipients, _receivedRecipients) = (waiter, caseId, version, recipients, 0);
        }

        return waiter.Task;
    }

    /// <inheritdoc />
    public Task ControlRoom(ControlRoomEvent[] events) => ControlRoomEvent.SendEachTo(this, events);

    /// <inheritdoc />
    public Task CaseChanged(CaseSnapshot snapshot) => Task.CompletedTask;

    /// <inheritdoc />
    public Task CaseChanged(CaseSnapshot snapshot, CaseChange change) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SightingReported(SightingRecord sighting) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StatsChanged(DispatchStats stats) => Task.CompletedTask;

    /// <inheritdoc />
    public Task FieldTeamMoved(FieldTeamPosition position) => Task.CompletedTask;

    /// <inheritdoc />
    public Task FieldTeamLeft(string subscriberId) => Task.CompletedTask;

    /// <inheritdoc />
    public Task Deliver(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        TaskCompletionSource? newDone = null;
        TaskCompletionSource<int>? versionDone = null;
        var received = 0;
        lock (_gate)
        {
            CountNew(batch);
            if (_newWaiter is not null && batch.CaseId == _newCaseId && _newByCase[batch.CaseId].Count >= _expectedNew)
            {
                (newDone, _newWaiter) = (_newWaiter, null);
            }

            if (_versionWaiter is not null && batch.CaseId == _versionCaseId && batch.Version == _version)
            {
                _receivedRecipients += batch.Recipients.Length;
                if (_receivedRecipients >= _expectedRecipients)
                {
                    (versionDone, received, _versionWaiter) = (_versionWaiter, _receivedRecipients, null);
                }
            }
        }

        // Completed outside the lock; both waiters run their continuations asynchronously anyway.
        newDone?.TrySetResult();
        versionDone?.TrySetResult(received);
        return Task.CompletedTask;
    }

    private void CountNew(AlertBatch batch)
    {
        if (!_newByCase.TryGetValue(batch.CaseId, out var alerted))
        {
            _newByCase[batch.CaseId] = alerted = [];
        }

        foreach (var recipient in batch.Recipients)
        {
            if (recipient.Kind == AlertKind.New && !alerted.Add(recipient.SubscriberId))
            {
                _repeatedNewByCase[batch.CaseId] = _repeatedNewByCase.GetValueOrDefault(batch.CaseId) + 1;
            }
        }
    }
}
