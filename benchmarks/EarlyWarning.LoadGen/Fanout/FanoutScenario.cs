using System.Diagnostics;
using System.Globalization;
using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Hosting;
using EarlyWarning.LoadGen.Hub;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// <c>fanout</c>: N public subscribers within 2 km of central Skopje (watching 2 km), each on its
/// own socket; a case opened there (every socket gets its <c>new</c>), then verified sightings
/// that move the zone, one round each: the time until every socket has its <c>update</c>.
/// </summary>
internal static class FanoutScenario
{
    private static readonly TimeSpan SettleBetweenRounds = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Plan.FanoutSubscribers;
        OpenFileLimit.Require(n, "fanout");
        var points = Places.Disc(Places.Skopje, 2.0, n, seed: 6);
        var tokens = await Subscriptions.CreateAsync(context.Clients, points, 2.0, context.Plan.SubscribeInFlight, "fanout: subscribing", cancellationToken);

        FanoutRound? round = null;
        await using var fleet = await HubFleet.ConnectAsync(context.Targets, tokens, "fanout: connecting", (s, a) => Volatile.Read(ref round)?.Observe(s, a), cancellationToken);
        var desk = await SupervisorDesk.SignInAsync(context.Clients.Control, cancellationToken);
        string? caseId = null;
        var firsts = new LatencyRecorder();
        try
        {
            var opening = new FanoutRound(n, fleet.Count, null, AlertKind.New, 0, Stopwatch.GetTimestamp());
            Volatile.Write(ref round, opening);
            caseId = await desk.OpenPublicCaseAsync(Places.Skopje, SightingAge.Opening(SightingAge.Steady), cancellationToken);
            var version = await FinishRound(context, fleet, opening, "fanout_new", "case opened -> every socket's new", firsts: null, cancellationToken);

            for (var r = 1; r <= context.Plan.FanoutRepeats; r++)
            {
                await Task.Delay(SettleBetweenRounds, cancellationToken);
                var update = new FanoutRound(n, fleet.Count, caseId, AlertKind.Update, version, Stopwatch.GetTimestamp());
                Volatile.Write(ref round, update);
                await desk.ReportAsync(caseId, Places.Alternate(Places.Skopje, r), SightingAge.Steady, cancellationToken);
                version = await FinishRound(context, fleet, update, "fanout", $"round {r}: sighting POST -> every socket's update", firsts, cancellationToken);
            }
        }
        finally
        {
            Volatile.Write(ref round, null);
            await desk.ResolveQuietlyAsync(caseId, CancellationToken.None);
        }

        context.Report.Add(ResultRow.From("fanout_first", fleet.Count, firsts, double.NaN, "first arrival of each update round"));
    }

    /// <summary>Waits for the round (or its timeout), reports it and returns the newest version seen.</summary>
    private static async Task<long> FinishRound(
        LoadContext context, HubFleet fleet, FanoutRound round, string measure, string label, LatencyRecorder? firsts, CancellationToken cancellationToken)
    {
        var timedOut = false;
        using (ProgressLine.Describe(measure, () => string.Create(CultureInfo.InvariantCulture, $"{round.Arrived:N0}/{fleet.Count:N0} sockets have it")))
        {
            try
            {
                await round.Complete.WaitAsync(LoadPlan.RoundTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                timedOut = true;
            }
        }

        var (arrivals, versions) = round.Results();
        var recorder = new LatencyRecorder();
        foreach (var ms in arrivals)
        {
            recorder.RecordTicks((long)(ms * LatencyRecorder.TicksPerMs));
        }

        var first = arrivals.Length > 0 ? arrivals[0] : double.NaN;
        var last = arrivals.Length > 0 ? arrivals[^1] : double.NaN;
        if (arrivals.Length > 0)
        {
            firsts?.RecordTicks((long)(first * LatencyRecorder.TicksPerMs));
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"{label}; first {first:0.0} ms, last {last:0.0} ms{(arrivals.Length < fleet.Count ? $"; ONLY {arrivals.Length:N0} of {fleet.Count:N0}" : "")}" +
            $"{(timedOut ? $" (timed out after {LoadPlan.RoundTimeout.TotalSeconds:0} s)" : "")}{(versions.Length > 1 ? $"; versions {string.Join('/', versions)}" : "")}" +
            $"{(fleet.Open < fleet.Count ? $"; {fleet.Count - fleet.Open:N0} sockets closed" : "")}");
        context.Report.Add(new ResultRow(measure, fleet.Count, arrivals.Length,
            recorder.PercentileMs(50), recorder.PercentileMs(90), recorder.PercentileMs(99), last,
            arrivals.Length / (last / 1000), note));
        return versions.Length > 0 ? versions[^1] : 0;
    }
}
