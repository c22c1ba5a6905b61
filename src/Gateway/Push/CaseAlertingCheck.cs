using System.Collections.Concurrent;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// Whether a case still alerts, as its grain says, asked at most every <see cref="Fresh"/> per case.
/// The outbox's own cancel mark sees only cancels that pass through this gateway; with several
/// gateways a case's cancel may go out through another while a <c>new</c> naming the child still
/// waits here (queued, or retrying a 429). The push workers ask this before each non-cancel send.
/// A case that answers no is never asked again (a resolved case does not reopen); one whose grain
/// cannot answer counts as alerting: a missing child's alert is not held back by a failed check.
/// </summary>
public sealed class CaseAlertingCheck(IGrainFactory grains, TimeProvider time, ILogger<CaseAlertingCheck> logger)
{
    /// <summary>How long an answer of yes stands: how late after a resolve elsewhere a push may still go.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);

    /// <summary>False once the case is resolved (or was never opened); true while it alerts or cannot say.</summary>
    public async ValueTask<bool> StillAlerting(string caseId)
    {
        var answer = _answers.AddOrUpdate(caseId, Ask, (id, known) => Stale(known) ? Ask(id) : known);
        try
        {
            return await answer.Alerting;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PushLog.AlertingUnknown(logger, ex, caseId);
            return true;
        }
    }

    private Answer Ask(string caseId) => new(grains.GetGrain<ICaseGrain>(caseId).IsAlerting(), time.GetTimestamp());

    private bool Stale(Answer known) =>
        !(known.Alerting.IsCompletedSuccessfully && !known.Alerting.Result) && time.GetElapsedTime(known.AskedAt) >= Fresh;

    private sealed record Answer(Task<bool> Alerting, long AskedAt);
}
