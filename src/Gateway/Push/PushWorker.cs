using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// The worker pool: <see cref="PushOptions.WorkerCount"/> loops take jobs from <see cref="PushOutbox"/>
/// (urgent lane first)
/// and send them, each retrying its job on 429 and 5xx (the service's <c>Retry-After</c>, else a
/// doubling back-off) before taking the next. A worker waiting out a <c>Retry-After</c> is a slot
/// not sending: a push service that asks to slow down is slowed down. Before each attempt at
/// anything but a cancel, the case must still alert (<see cref="CaseAlertingCheck"/>). Every 250 ms the cases'
/// tallies hear whose first alerts their push services accepted (the control room's <c>pushed</c>,
/// each subscriber once however often a retried batch is pushed). A stopping gateway drains what
/// it queued for up to <see cref="PushOptions.DrainTimeout"/> (see <see cref="StopAsync"/>).
/// </summary>
public sealed class PushWorker(
    PushOutbox queue,
    HubAlertSink sink,
    CaseAlertingCheck alerting,
    PushSender sender,
    AlertMetrics metrics,
    IGrainFactory grains,
    IOptions<PushOptions> options,
    TimeProvider time,
    ILogger<PushWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(20);
    private readonly Dictionary<string, HashSet<string>> _acceptedNew = [];
    private readonly Lock _gate = new();

    // Cancelled as the host stops: workers stop waiting for new jobs and send what is queued.
    private readonly CancellationTokenSource _draining = new();

    // Cancelled at the drain's end (or the host's own deadline): whatever is left is dropped.
    private readonly CancellationTokenSource _stopped = new();
    private int _undrainedLogged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Not stoppingToken, which the base cancels at once when stopping: see StopAsync.
        using var reporting = new CancellationTokenSource();
        var report = Report(reporting.Token);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.WorkerCount)).Select(_ => Work()));
        await reporting.CancelAsync();
        await report;

        // The pushes accepted since the last report; bounded, as the cluster may be going too.
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await ReportDue(last.Token);
    }

    /// <summary>
    /// Drains before it stops: the sink stopped taking batches first (<see cref="SinkRegistration"/>,
    /// as the host began stopping), and the silo took each batch queued here as delivered, so a push
    /// still queued would otherwise reach nobody — to a phone whose page is closed, the only way an
    /// alert arrives. Workers send what is queued, for up to <see cref="PushOptions.DrainTimeout"/>
    /// or until the host's own shutdown deadline, then drop the rest.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _draining.CancelAsync();
        _stopped.CancelAfter(options.Value.DrainTimeout);
        using var deadline = cancellationToken.Register(_stopped.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        base.Dispose();
        _draining.Dispose();
        _stopped.Dispose();
    }

    private async Task Work()
    {
        // Off the host's start-up path: the first job is read on a pool thread.
        await Task.Yield();
        try
        {
            while (await Next() is { } job)
            {
                await Deliver(job, _stopped.Token);
            }
        }
        catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
        {
            // The drain's time is up: what is still queued is lost with the process.
            if (queue.Count > 0 && Interlocked.Exchange(ref _undrainedLogged, 1) == 0)
            {
                PushLog.NotDrained(logger, queue.Count);
            }
        }
    }

    /// <summary>
    /// The next job: waited for while running; once draining, what is queued and what a batch taken
    /// before the sink stopped taking them is still queueing (null when neither is left).
    /// </summary>
    private async ValueTask<PushJob?> Next()
    {
        if (!_draining.IsCancellationRequested)
        {
            try
            {
                return await queue.Take(_draining.Token);
            }
            catch (OperationCanceledException) when (_draining.IsCancellationRequested)
            {
                // Stopping began while this worker waited: drain below.
            }
        }

        while (true)
        {
            if (queue.TryTake(out var job))
            {
                return job;
            }

            if (!sink.Delivering)
            {
                return null;
            }

            await Task.Delay(DrainPoll, time, _stopped.Token);
        }
    }

    private async Task Deliver(PushJob job, CancellationToken stoppingToken)
    {
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            if (await Ended(job))
            {
                // Resolved meanwhile, its cancel sent through another gateway: nothing naming the child goes out.
                return;
            }

            PushOutcome outcome;
            TimeSpan? retryAfter;
            try
            {
                (outcome, retryAfter) = await sender.Send(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PushLog.SendFailed(logger, ex, job.SubscriberId);
                (outcome, retryAfter) = (PushOutcome.Failed, null);
            }

            switch (outcome)
            {
                case PushOutcome.Accepted:
                    metrics.PushSent();
                    if (job.Content.Kind == AlertKind.New)
                    {
                        CountAccepted(job.Content.CaseId, job.SubscriberId);
                    }

                    return;
                case PushOutcome.Expired:
                    metrics.PushExpired();
                    return;
                case PushOutcome.Skipped:
                    return;
                case PushOutcome.Failed:
                    metrics.PushFailed();
                    return;
            }

            var delay = retryAfter ?? o.RetryDelay * Math.Pow(2, attempt - 1);
            if (attempt >= o.MaxAttempts || delay > o.MaxRetryDelay)
            {
                PushLog.GaveUp(logger, job.SubscriberId, attempt);
                metrics.PushFailed();
                return;
            }

            // Retry-After means not before, and a timer may fire a few milliseconds early.
            var waitedFrom = time.GetTimestamp();
            await Task.Delay(delay, time, stoppingToken);
            while (time.GetElapsedTime(waitedFrom) is var waited && waited < delay)
            {
                await Task.Delay(delay - waited + TimeSpan.FromMilliseconds(1), time, stoppingToken);
            }

            if (queue.IsSuperseded(job))
            {
                // Its case moved on (a newer update, or the cancel) while this one waited.
                return;
            }
        }
    }

    private async ValueTask<bool> Ended(PushJob job) =>
        job.Content.Kind != AlertKind.Cancel && !await alerting.StillAlerting(job.Content.CaseId);

    private void CountAccepted(string caseId, string subscriberId)
    {
        lock (_gate)
        {
            if (!_acceptedNew.TryGetValue(caseId, out var accepted))
            {
                _acceptedNew[caseId] = accepted = [];
            }

            accepted.Add(subscriberId);
        }
    }

    private async Task Report(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Not cancelled midway: the report taken from the list is made whole.
                await ReportDue(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last report is made after the drain.
        }
    }

    private async Task ReportDue(CancellationToken cancellationToken)
    {
        KeyValuePair<string, HashSet<string>>[] due;
        lock (_gate)
        {
            due = [.. _acceptedNew];
            _acceptedNew.Clear();
        }

        foreach (var (caseId, accepted) in due)
        {
            try
            {
                await grains.GetGrain<ICaseTallyGrain>(caseId).RecordPushed([.. accepted]).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PushLog.ReportFailed(logger, ex, caseId);
            }
        }
    }
}
