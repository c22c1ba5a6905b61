using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A case's view of its dispatch figures, which its <see cref="ICaseTallyGrain"/> keeps. The case
/// calls the tally (and tells it its version); the tally never calls the case, so this cannot
/// deadlock. A tally that does not answer leaves the last figures read: a case command never
/// fails for a count.
/// </summary>
internal sealed class CaseFigures(ICaseTallyGrain tally, ILogger logger)
{
    private static readonly CaseStats None = new(0, 0, 0, 0, 0);

    /// <summary>The figures as last read.</summary>
    public CaseStats Last { get; private set; } = None;

    /// <summary>Reads the figures, telling the tally the case is at <paramref name="caseVersion"/>.</summary>
    public async Task<CaseStats> Read(string caseId, long caseVersion)
    {
        try
        {
            Last = await tally.GetStats(caseVersion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.FiguresNotRead(logger, ex, caseId);
        }

        return Last;
    }

    /// <summary>The figures over time, for a replay; none when the tally does not answer.</summary>
    public async Task<TallySample[]> History(string caseId)
    {
        try
        {
            return await tally.GetHistory();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.FiguresNotRead(logger, ex, caseId);
            return [];
        }
    }

    /// <summary>
    /// Hands the figures a case stored before the tally existed to the tally (which takes them
    /// once); nothing for a case that has none. Tried on every activation until it lands.
    /// </summary>
    public async Task SeedFrom(string caseId, CaseState state)
    {
        if (state.Alerted == 0 && state.Delivered == 0 && state.Pushed == 0 && state.AcknowledgedBy.Count == 0 && state.LatencyBuckets is null)
        {
            return;
        }

        try
        {
            await tally.Seed(new CaseTallySeed(
                state.Version,
                new CaseStats(state.Alerted, state.Delivered, 0, 0, 0, state.Pushed),
                state.LatencyBuckets,
                [.. state.AcknowledgedBy]));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.FiguresNotRead(logger, ex, caseId);
        }
    }
}
