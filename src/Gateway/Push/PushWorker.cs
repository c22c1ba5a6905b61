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
/// each subscriber once however often a retried batch is pushed).
/// </summary>
public sealed class PushWorker(
    PushOutbox queue,
    CaseAlertingCheck alerting,
    PushSender sender,
    AlertMetrics metrics,
    IGrainFactory grains,
    IOptions<PushOptions> options,
    TimeProvider time,
    ILogger<PushWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, HashSet<string>> _acceptedNew = [];
    private readonly Lock _gate = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        var workers = Enumerable.Range(0, Math.Max(1, options.Value.WorkerCount)).Select(_ => Work(stoppingToken));
        return Task.WhenAll([.. workers, Report(stoppingToken)]);
    }

    private async Task Work(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: the first job is read on a pool thread.
        await Task.Yield();
        try
        {
            while (true)
            {
                await Deliver(await queue.Take(stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is lost with the process, like a live alert to a closed socket.
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
                        await grains.GetGrain<ICaseTallyGrain>(caseId).RecordPushed([.. accepted]);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        PushLog.ReportFailed(logger, ex, caseId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
