using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Tells cases' tallies what this gateway wrote to its connections, off the delivery path: the
/// relay reads one batch after another, and a tally whose silo just died held that reader (every
/// batch after it, for every case) for Orleans' 30 s response timeout. A report that fails is sent
/// again every <see cref="RetryInterval"/> for <see cref="RetryFor"/>: the tally counts subscribers
/// by id, so a report that landed before its answer was lost counts nobody twice (only the
/// latency histogram may hold that batch twice).
/// </summary>
public sealed class DeliveryCounts(IGrainFactory grains, TimeProvider time, ILogger<DeliveryCounts> logger)
{
    /// <summary>How long a report is retried: long enough for a dead silo to be voted out and the tally to come back.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);

    /// <summary>The wait between two attempts at one report.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>Reports at most in flight (awaiting an answer or a retry); more are dropped and logged.</summary>
    public const int MaxOutstanding = 4_096;

    private int _outstanding;

    /// <summary>Reports in flight now.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Starts the report and returns at once; it completes (or gives up) in the background.</summary>
    public void Record(string caseId, long version, string[] reachedNew, int sent, double latencyMs)
    {
        if (Interlocked.Increment(ref _outstanding) > MaxOutstanding)
        {
            Interlocked.Decrement(ref _outstanding);
            AlertLog.DeliveryNotCounted(logger, new InvalidOperationException($"{MaxOutstanding} delivery reports are already waiting."), caseId, version);
            return;
        }

        _ = Send(caseId, version, reachedNew, sent, latencyMs);
    }

    private async Task Send(string caseId, long version, string[] reachedNew, int sent, double latencyMs)
    {
        var started = time.GetTimestamp();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await grains.GetGrain<ICaseTallyGrain>(caseId).RecordDelivery(version, reachedNew, sent, latencyMs);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (time.GetElapsedTime(started) >= RetryFor)
                    {
                        // A figure, not an alert: the sends stand.
                        AlertLog.DeliveryNotCounted(logger, ex, caseId, version);
                        return;
                    }

                    if (attempt == 1)
                    {
                        AlertLog.DeliveryCountRetried(logger, ex, caseId, version);
                    }
                }

                await Task.Delay(RetryInterval, time);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }
}
